-- CreateTable
CREATE TABLE "Tenant" (
    "id" TEXT NOT NULL PRIMARY KEY
);

-- CreateTable
CREATE TABLE "User" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "userPrincipalName" TEXT NOT NULL,
    "userPrincipalNameKey" TEXT NOT NULL,
    "displayName" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("tenantId", "id"),
    CONSTRAINT "User_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DirectoryRoleAssignment" (
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "roleTemplateId" TEXT NOT NULL,

    PRIMARY KEY ("tenantId", "userId", "roleTemplateId"),
    CONSTRAINT "DirectoryRoleAssignment_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User" ("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PhoneMethod" (
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "phoneType" TEXT NOT NULL,
    "phoneNumber" TEXT NOT NULL,
    "smsSignInRegistration" TEXT NOT NULL DEFAULT 'notEnabled',
    "smsSignInNumber" TEXT,

    PRIMARY KEY ("tenantId", "userId", "phoneType"),
    CONSTRAINT "PhoneMethod_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User" ("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE,
    -- Not expressible in the Prisma schema: only a registered mobile holds a number.
    CONSTRAINT "PhoneMethod_smsSignInNumber_check" CHECK (("smsSignInRegistration" = 'registered') = ("smsSignInNumber" IS NOT NULL) AND ("smsSignInNumber" IS NULL OR "phoneType" = 'mobile'))
);

-- CreateTable
CREATE TABLE "SmsPolicy" (
    "tenantId" TEXT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL DEFAULT 'enabled',
    CONSTRAINT "SmsPolicy_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SmsPolicyTarget" (
    "tenantId" TEXT NOT NULL,
    "list" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "isUsableForSignIn" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("tenantId", "list", "targetId"),
    CONSTRAINT "SmsPolicyTarget_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "SmsPolicy" ("tenantId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_tenantId_userPrincipalNameKey_key" ON "User"("tenantId", "userPrincipalNameKey");

-- CreateIndex
CREATE UNIQUE INDEX "PhoneMethod_tenantId_smsSignInNumber_key" ON "PhoneMethod"("tenantId", "smsSignInNumber");
