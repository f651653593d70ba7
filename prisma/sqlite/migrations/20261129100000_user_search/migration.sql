-- users(search:): a case-insensitive prefix of userPrincipalName or of
-- displayName, each an index range on a stored lower-cased key (SQLite's LIKE
-- folds ASCII only and uses an index only under conditions this schema does
-- not meet). userPrincipalNameKey already has its unique index.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "displayNameKey" TEXT;

-- Backfill. SQLite's lower() folds ASCII letters only; the seed, which
-- writes every key from then on, folds all of Unicode, and re-seeding an
-- existing user rewrites the key.
UPDATE "User" SET "displayNameKey" = lower("displayName");

-- CreateIndex: with userPrincipalNameKey, a displayName search picks the page's
-- users from the index alone and reads only their rows.
CREATE INDEX "User_tenantId_displayNameKey_userPrincipalNameKey_idx" ON "User"("tenantId", "displayNameKey", "userPrincipalNameKey");
