import Link from "next/link";

export default function NotFound() {
  return (
    <main className="p-6">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2">
        That page does not exist.{" "}
        <Link href="/incidents" className="underline">
          Go to incidents
        </Link>
        .
      </p>
    </main>
  );
}
