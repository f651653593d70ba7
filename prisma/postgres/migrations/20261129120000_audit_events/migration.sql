-- CreateEnum
CREATE TYPE "AuditResult" AS ENUM ('success', 'failure');

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "activityDateTime" TIMESTAMP(3) NOT NULL,
    "activityDisplayName" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "result" "AuditResult" NOT NULL,
    "resultReason" TEXT,
    "initiatedByUserId" TEXT,
    "initiatedByUserPrincipalName" TEXT,
    "initiatedByAppId" TEXT,
    "targetUserId" TEXT,
    "targetUserPrincipalName" TEXT,
    "methodId" TEXT,
    "phoneType" "PhoneType",
    "oldPhoneNumber" TEXT,
    "newPhoneNumber" TEXT,
    "requestId" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_activityDateTime_id_idx" ON "AuditEvent"("tenantId", "activityDateTime", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_targetUserId_activityDateTime_id_idx" ON "AuditEvent"("tenantId", "targetUserId", "activityDateTime", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_initiatedByUserId_activityDateTime_id_idx" ON "AuditEvent"("tenantId", "initiatedByUserId", "activityDateTime", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_activityDateTime_idx" ON "AuditEvent"("activityDateTime");
