-- CreateEnum
CREATE TYPE "UserDefaultAuthenticationMethodType" AS ENUM ('push', 'oath', 'voiceMobile', 'voiceAlternateMobile', 'voiceOffice', 'sms', 'unknownFutureValue');

-- AlterTable
ALTER TABLE "User" ADD COLUMN "userPreferredMethodForSecondaryAuthentication" "UserDefaultAuthenticationMethodType",
ADD COLUMN "isSystemPreferredAuthenticationMethodEnabled" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "Group" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "displayName" TEXT,

    CONSTRAINT "Group_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "GroupMember" (
    "tenantId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "GroupMember_pkey" PRIMARY KEY ("tenantId","groupId","userId")
);

-- CreateIndex
CREATE INDEX "GroupMember_tenantId_userId_idx" ON "GroupMember"("tenantId", "userId");

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMember" ADD CONSTRAINT "GroupMember_tenantId_groupId_fkey" FOREIGN KEY ("tenantId", "groupId") REFERENCES "Group"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMember" ADD CONSTRAINT "GroupMember_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
