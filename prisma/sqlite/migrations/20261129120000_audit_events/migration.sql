-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "activityDateTime" DATETIME NOT NULL,
    "activityDisplayName" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "resultReason" TEXT,
    "initiatedByUserId" TEXT,
    "initiatedByUserPrincipalName" TEXT,
    "initiatedByAppId" TEXT,
    "targetUserId" TEXT,
    "targetUserPrincipalName" TEXT,
    "methodId" TEXT,
    "phoneType" TEXT,
    "oldPhoneNumber" TEXT,
    "newPhoneNumber" TEXT,
    "requestId" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_activityDateTime_id_idx" ON "AuditEvent"("tenantId", "activityDateTime", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_targetUserId_activityDateTime_id_idx" ON "AuditEvent"("tenantId", "targetUserId", "activityDateTime", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_initiatedByUserId_activityDateTime_id_idx" ON "AuditEvent"("tenantId", "initiatedByUserId", "activityDateTime", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_activityDateTime_idx" ON "AuditEvent"("activityDateTime");
