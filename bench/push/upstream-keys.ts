/** The keys the push benchmark's simulator accepts and its proxy holds. */
export const BENCH_PUSH_KEYS = { segmind: 'sk-bench-push-segmind', apixo: 'ax-bench-push-apixo' } as const
