-- AlterTable
ALTER TABLE "accounts" ADD COLUMN     "default_locale" VARCHAR(8) NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "locale" VARCHAR(8);

-- Only languages the UI has a catalogue for (i18n/locales.ts).
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_default_locale_check" CHECK ("default_locale" IN ('nb', 'en'));
ALTER TABLE "users" ADD CONSTRAINT "users_locale_check" CHECK ("locale" IS NULL OR "locale" IN ('nb', 'en'));
