-- AlterEnum
ALTER TYPE "TimelineEventKind" ADD VALUE 'acknowledgement';
