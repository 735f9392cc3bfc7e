-- The sign-in counters become the table of every failure-based rate limit.
ALTER TABLE "login_throttle" RENAME TO "rate_limits";
ALTER TABLE "rate_limits" RENAME CONSTRAINT "login_throttle_pkey" TO "rate_limits_pkey";
ALTER INDEX "login_throttle_expire_idx" RENAME TO "rate_limits_expire_idx";
