-- CreateEnum
CREATE TYPE "PasswordTokenPurpose" AS ENUM ('INVITE', 'RESET');

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "PasswordToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" "PasswordTokenPurpose" NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "PasswordToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PasswordToken_userId_idx" ON "PasswordToken"("userId");

-- AddForeignKey
ALTER TABLE "PasswordToken" ADD CONSTRAINT "PasswordToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Append-only audit log (hand-written; see README, "With PostgreSQL"). When the
-- operator names the application's role with
--   ALTER DATABASE adal SET adal.app_role = 'adal_app';
-- and runs migrations as the owner, that role loses UPDATE, DELETE and TRUNCATE
-- on "AuditEntry": a compromised application can add entries but not rewrite
-- them. Unset (or naming no existing role): nothing happens. Safe to run again.
DO $$
DECLARE
  app_role text := nullif(trim(current_setting('adal.app_role', true)), '');
BEGIN
  IF app_role IS NULL THEN
    RAISE NOTICE 'adal.app_role is not set: "AuditEntry" privileges left as they are';
  ELSIF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app_role) THEN
    RAISE WARNING 'adal.app_role names no existing role (%): "AuditEntry" privileges left as they are', app_role;
  ELSE
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON TABLE "AuditEntry" FROM %I', app_role);
  END IF;
END
$$;
