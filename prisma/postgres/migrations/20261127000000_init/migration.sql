-- CreateEnum
CREATE TYPE "PhoneType" AS ENUM ('mobile', 'alternateMobile', 'office');

-- CreateEnum
CREATE TYPE "SmsSignInRegistration" AS ENUM ('registered', 'notEnabled', 'phoneNumberNotUnique');

-- CreateEnum
CREATE TYPE "AuthenticationMethodState" AS ENUM ('enabled', 'disabled');

-- CreateEnum
CREATE TYPE "AuthenticationMethodTargetType" AS ENUM ('user', 'group');

-- CreateEnum
CREATE TYPE "SmsPolicyTargetList" AS ENUM ('include', 'exclude');

-- CreateTable
CREATE TABLE "Tenant" (
    "id" TEXT NOT NULL,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "userPrincipalName" TEXT NOT NULL,
    "userPrincipalNameKey" TEXT NOT NULL,
    "displayName" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "User_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "DirectoryRoleAssignment" (
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "roleTemplateId" TEXT NOT NULL,

    CONSTRAINT "DirectoryRoleAssignment_pkey" PRIMARY KEY ("tenantId","userId","roleTemplateId")
);

-- CreateTable
CREATE TABLE "PhoneMethod" (
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "phoneType" "PhoneType" NOT NULL,
    "phoneNumber" TEXT NOT NULL,
    "smsSignInRegistration" "SmsSignInRegistration" NOT NULL DEFAULT 'notEnabled',
    "smsSignInNumber" TEXT,

    CONSTRAINT "PhoneMethod_pkey" PRIMARY KEY ("tenantId","userId","phoneType")
);

-- CreateTable
CREATE TABLE "SmsPolicy" (
    "tenantId" TEXT NOT NULL,
    "state" "AuthenticationMethodState" NOT NULL DEFAULT 'enabled',

    CONSTRAINT "SmsPolicy_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "SmsPolicyTarget" (
    "tenantId" TEXT NOT NULL,
    "list" "SmsPolicyTargetList" NOT NULL,
    "targetId" TEXT NOT NULL,
    "targetType" "AuthenticationMethodTargetType" NOT NULL,
    "isUsableForSignIn" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL,

    CONSTRAINT "SmsPolicyTarget_pkey" PRIMARY KEY ("tenantId","list","targetId")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_tenantId_userPrincipalNameKey_key" ON "User"("tenantId", "userPrincipalNameKey");

-- CreateIndex
CREATE UNIQUE INDEX "PhoneMethod_tenantId_smsSignInNumber_key" ON "PhoneMethod"("tenantId", "smsSignInNumber");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectoryRoleAssignment" ADD CONSTRAINT "DirectoryRoleAssignment_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PhoneMethod" ADD CONSTRAINT "PhoneMethod_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmsPolicy" ADD CONSTRAINT "SmsPolicy_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmsPolicyTarget" ADD CONSTRAINT "SmsPolicyTarget_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "SmsPolicy"("tenantId") ON DELETE CASCADE ON UPDATE CASCADE;

-- Not expressible in the Prisma schema: only a registered mobile holds a number.
ALTER TABLE "PhoneMethod" ADD CONSTRAINT "PhoneMethod_smsSignInNumber_check" CHECK (("smsSignInRegistration" = 'registered') = ("smsSignInNumber" IS NOT NULL) AND ("smsSignInNumber" IS NULL OR "phoneType" = 'mobile'));
