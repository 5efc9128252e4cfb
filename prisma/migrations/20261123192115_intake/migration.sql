-- CreateTable
CREATE TABLE "Employer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "normalizedName" TEXT NOT NULL,
    "bin" TEXT,
    "sector" TEXT NOT NULL,
    "region" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CaseCounter" (
    "year" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "last" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reference" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'NEW',
    "urgency" TEXT NOT NULL,
    "suggestedUrgency" TEXT NOT NULL,
    "incidentStart" DATETIME NOT NULL,
    "incidentEnd" DATETIME,
    "region" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "facts" TEXT NOT NULL,
    "unnamedWorkerCount" INTEGER NOT NULL DEFAULT 0,
    "organizerId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Case_organizerId_fkey" FOREIGN KEY ("organizerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseEmployer" (
    "caseId" TEXT NOT NULL,
    "employerId" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    PRIMARY KEY ("caseId", "role"),
    CONSTRAINT "CaseEmployer_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaseEmployer_employerId_fkey" FOREIGN KEY ("employerId") REFERENCES "Employer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AffectedWorker" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "yearOfBirth" INTEGER,
    "gender" TEXT,
    "citizenship" TEXT,
    "occupation" TEXT,
    "unionMember" BOOLEAN,
    "consentToStore" BOOLEAN NOT NULL DEFAULT false,
    "consentToContact" BOOLEAN NOT NULL DEFAULT false,
    "consentToShare" BOOLEAN NOT NULL DEFAULT false,
    "consentToCiteAnonymously" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AffectedWorker_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorkerIdentity" (
    "workerId" TEXT NOT NULL PRIMARY KEY,
    "fullName" TEXT NOT NULL,
    "iin" TEXT,
    "phone" TEXT,
    "address" TEXT,
    "contactNotes" TEXT,
    CONSTRAINT "WorkerIdentity_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES "AffectedWorker" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
