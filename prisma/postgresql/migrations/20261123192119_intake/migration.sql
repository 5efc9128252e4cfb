-- CreateEnum
CREATE TYPE "CaseCategory" AS ENUM ('UNPAID_WAGES', 'FORCED_LABOR', 'UNSAFE_CONDITIONS', 'DETAINED_ACTIVIST', 'UNION_BUSTING', 'STRIKE_PENALTIES', 'CHILD_LABOR', 'MIGRANT_ABUSE', 'OTHER');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('NEW', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS', 'ON_HOLD', 'RESOLVED', 'CLOSED', 'REOPENED');

-- CreateEnum
CREATE TYPE "Urgency" AS ENUM ('URGENT', 'HIGH', 'NORMAL');

-- CreateEnum
CREATE TYPE "IntakeChannel" AS ENUM ('FIELD_VISIT', 'HOTLINE', 'WALK_IN', 'MESSENGER', 'PARTNER_REFERRAL');

-- CreateEnum
CREATE TYPE "Sector" AS ENUM ('OIL_AND_GAS', 'MINING_AND_METALS', 'CONSTRUCTION', 'AGRICULTURE', 'MANUFACTURING', 'TRANSPORT', 'PUBLIC_SECTOR', 'SERVICES', 'OTHER');

-- CreateEnum
CREATE TYPE "EmployerRole" AS ENUM ('EMPLOYER', 'CONTRACTOR', 'PARENT_COMPANY', 'RECRUITMENT_AGENCY');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('FEMALE', 'MALE', 'OTHER', 'UNDISCLOSED');

-- CreateTable
CREATE TABLE "Employer" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "normalizedName" TEXT NOT NULL,
    "bin" TEXT,
    "sector" "Sector" NOT NULL,
    "region" "Region",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Employer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseCounter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "CaseCounter_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "category" "CaseCategory" NOT NULL,
    "status" "CaseStatus" NOT NULL DEFAULT 'NEW',
    "urgency" "Urgency" NOT NULL,
    "suggestedUrgency" "Urgency" NOT NULL,
    "incidentStart" TIMESTAMP(3) NOT NULL,
    "incidentEnd" TIMESTAMP(3),
    "region" "Region" NOT NULL,
    "place" TEXT NOT NULL,
    "channel" "IntakeChannel" NOT NULL,
    "account" TEXT NOT NULL,
    "facts" TEXT NOT NULL,
    "unnamedWorkerCount" INTEGER NOT NULL DEFAULT 0,
    "organizerId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseEmployer" (
    "caseId" TEXT NOT NULL,
    "employerId" TEXT NOT NULL,
    "role" "EmployerRole" NOT NULL,

    CONSTRAINT "CaseEmployer_pkey" PRIMARY KEY ("caseId","role")
);

-- CreateTable
CREATE TABLE "AffectedWorker" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "yearOfBirth" INTEGER,
    "gender" "Gender",
    "citizenship" TEXT,
    "occupation" TEXT,
    "unionMember" BOOLEAN,
    "consentToStore" BOOLEAN NOT NULL DEFAULT false,
    "consentToContact" BOOLEAN NOT NULL DEFAULT false,
    "consentToShare" BOOLEAN NOT NULL DEFAULT false,
    "consentToCiteAnonymously" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AffectedWorker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkerIdentity" (
    "workerId" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "iin" TEXT,
    "phone" TEXT,
    "address" TEXT,
    "contactNotes" TEXT,

    CONSTRAINT "WorkerIdentity_pkey" PRIMARY KEY ("workerId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Employer_bin_key" ON "Employer"("bin");

-- CreateIndex
CREATE INDEX "Employer_normalizedName_idx" ON "Employer"("normalizedName");

-- CreateIndex
CREATE UNIQUE INDEX "Case_reference_key" ON "Case"("reference");

-- CreateIndex
CREATE INDEX "Case_organizerId_createdAt_idx" ON "Case"("organizerId", "createdAt");

-- CreateIndex
CREATE INDEX "Case_status_urgency_createdAt_idx" ON "Case"("status", "urgency", "createdAt");

-- CreateIndex
CREATE INDEX "Case_category_createdAt_idx" ON "Case"("category", "createdAt");

-- CreateIndex
CREATE INDEX "Case_region_createdAt_idx" ON "Case"("region", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Case_year_number_key" ON "Case"("year", "number");

-- CreateIndex
CREATE INDEX "CaseEmployer_employerId_role_idx" ON "CaseEmployer"("employerId", "role");

-- CreateIndex
CREATE INDEX "AffectedWorker_caseId_idx" ON "AffectedWorker"("caseId");

-- CreateIndex
CREATE INDEX "WorkerIdentity_iin_idx" ON "WorkerIdentity"("iin");

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_organizerId_fkey" FOREIGN KEY ("organizerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseEmployer" ADD CONSTRAINT "CaseEmployer_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseEmployer" ADD CONSTRAINT "CaseEmployer_employerId_fkey" FOREIGN KEY ("employerId") REFERENCES "Employer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AffectedWorker" ADD CONSTRAINT "AffectedWorker_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkerIdentity" ADD CONSTRAINT "WorkerIdentity_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES "AffectedWorker"("id") ON DELETE CASCADE ON UPDATE CASCADE;
