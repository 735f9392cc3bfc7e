-- AlterTable
ALTER TABLE "api_clients" ADD COLUMN     "store_id" UUID;

-- AddForeignKey
ALTER TABLE "api_clients" ADD CONSTRAINT "api_clients_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "stores"("id") ON DELETE SET NULL ON UPDATE CASCADE;
