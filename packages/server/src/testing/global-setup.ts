/** Runs once before the server tests, so the skip note is printed once, not per test file. */
export default function announceDatabases(): void {
  if (!process.env.DATABASE_URL) {
    process.stdout.write('NOTE: DATABASE_URL is not set, so the PostgreSQL runs of the repository tests are skipped\n');
  }
}
