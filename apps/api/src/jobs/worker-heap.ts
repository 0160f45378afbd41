/**
 * The job worker's V8 heap limit in MB (`node --max-old-space-size`), set where the worker starts:
 * docker-compose.yml's worker command and `npm run start:worker` (compose.test.ts holds both to this),
 * and the export bench's child, so the bench measures the process production runs.
 *
 * Why a limit: without one V8 sizes the heap from the machine's memory and lets garbage pile up between
 * full collections; a 1M-response XLSX export then peaked at 223–250 MB RSS without holding any rows
 * (docs/benchmarks.md, P4), against the 256 MB bar. With 160 MB it stays well below, and the worker's
 * largest other job, a 10 MB participant CSV import, parses within ~100 MB of heap.
 */
export const WORKER_HEAP_MB = 160
