import Link from "next/link";

export default function ScannerRunNotFound() {
  return (
    <div className="space-y-2">
      <h1 className="text-xl font-semibold">No such scanner run</h1>
      <Link href="/scanner" className="text-sm underline">
        Back to the scanner runs
      </Link>
    </div>
  );
}
