-- CreateEnum
CREATE TYPE "OutcomeKind" AS ENUM ('WAGES_RECOVERED', 'REINSTATED', 'COMPENSATION_PAID', 'RELEASED_FROM_DETENTION', 'CHARGES_DROPPED', 'SENTENCE_REDUCED', 'FINE_ANNULLED', 'SETTLED', 'LOST', 'WITHDRAWN_BY_WORKER', 'REFERRED_ELSEWHERE');

-- CreateTable
CREATE TABLE "CaseOutcome" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" "OutcomeKind" NOT NULL,
    "amountMinor" BIGINT,
    "currency" TEXT,
    "people" INTEGER,
    "date" TIMESTAMP(3) NOT NULL,
    "note" TEXT,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaseOutcome_caseId_idx" ON "CaseOutcome"("caseId");

-- CreateIndex
CREATE INDEX "CaseOutcome_kind_date_idx" ON "CaseOutcome"("kind", "date");

-- AddForeignKey
ALTER TABLE "CaseOutcome" ADD CONSTRAINT "CaseOutcome_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseOutcome" ADD CONSTRAINT "CaseOutcome_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
