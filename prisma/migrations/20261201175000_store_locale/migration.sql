-- AlterTable
ALTER TABLE "stores" ADD COLUMN     "locale" VARCHAR(8);

-- Only languages the UI has a catalogue for (lib/i18n/locales.ts); NULL follows the account.
ALTER TABLE "stores" ADD CONSTRAINT "stores_locale_check" CHECK ("locale" IS NULL OR "locale" IN ('nb', 'en'));
