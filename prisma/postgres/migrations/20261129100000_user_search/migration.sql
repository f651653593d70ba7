-- users(search:): a case-insensitive prefix of userPrincipalName or of
-- displayName, each an index range on a stored lower-cased key. The keys are
-- COLLATE "C": byte order, so that a prefix is a plain range (p <= key < p ||
-- U+10FFFF) that a B-tree index serves, and the order is the code-point order
-- SQLite's BINARY collation gives. Equality, the userPrincipalName lookup, is
-- unchanged by the collation.

-- AlterTable: rebuilds the unique index "User_tenantId_userPrincipalNameKey_key" in the new collation.
ALTER TABLE "User" ALTER COLUMN "userPrincipalNameKey" SET DATA TYPE TEXT COLLATE "C";

-- AlterTable
ALTER TABLE "User" ADD COLUMN "displayNameKey" TEXT COLLATE "C";

-- Backfill (the seed writes every key from then on).
UPDATE "User" SET "displayNameKey" = lower("displayName");

-- CreateIndex: covers everything a displayName search reads, so that its
-- matches are one range of this index and no visit to the table (whose rows
-- lie scattered in a large one).
CREATE INDEX "User_displayNameSearch_idx" ON "User"("tenantId", "displayNameKey", "userPrincipalNameKey", "id", "userPrincipalName", "displayName");
