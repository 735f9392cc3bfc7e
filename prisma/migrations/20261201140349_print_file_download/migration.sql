-- AlterTable
ALTER TABLE "batches" ADD COLUMN     "print_file_downloaded_at" TIMESTAMPTZ(3),
ADD COLUMN     "print_file_downloaded_by" VARCHAR(255);
