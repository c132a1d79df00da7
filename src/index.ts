// The browser and SSR entry: models, core helpers, transports, hooks and components.
export * from './models/index'
export { LtxError, isLtxError } from './models/ltx-error'
export type { FieldIssue, LtxErrorKind, LtxErrorOptions, SubmitConfirmation } from './models/ltx-error'
export type { FieldMeta, FieldWidget } from './models/field-meta'
export { readSchemaForm, describeField, defaultValues } from './core/read-fields'
export type { FieldDescriptor, FieldType, SchemaForm, SchemaMode } from './core/read-fields'
export { isSafeUrl } from './models/safe-url'
export type { SafeUrlPolicy } from './models/safe-url'
export { toFieldIssues } from './models/to-field-issues'
// Jobs, transports, typed error mapping and the polling policy.
export { isTerminalPhase, jobPhases, readJobRef } from './core/job'
export { jobRefSchema } from './core/job-ref-schema'
export type { JobMetrics, JobOutput, JobPhase, JobRef, JobSnapshot, JobTimings } from './core/job'
export { errorFromResponse } from './providers/error-from-response'
export type { FailedResponse } from './providers/error-from-response'
export type { TransportOperation } from './providers/route-paths'
export { parseResetAt } from './core/parse-reset-at'
export { DEFAULT_POLL_DEADLINE_MS, pollingPolicy, watchDeadlineError, watchPausedError } from './core/polling-policy'
export type { PollDecision, PollingOptions, PollingPolicyInput, PollOutcome, PollStopReason } from './core/polling-policy'
export { createSegmindTransport } from './transport/create-segmind-transport'
export type { SegmindTransportOptions } from './transport/create-segmind-transport'
export { createApixoTransport } from './transport/create-apixo-transport'
export type { ApixoTransportOptions } from './transport/create-apixo-transport'
export type { HttpTransportOptions, TransportCallOptions, TransportHeaders, VideoTransport } from './transport/video-transport'
export type { PushedReply, SubmitCallOptions } from './transport/video-transport'
export { createIdempotencyKey } from './core/idempotency-key'
export type { JobParent } from './core/job'
// React: the provider, the hooks and their TanStack Query option builders.
export { LtxProvider } from './hooks/ltx-provider'
export type { JobPersistOptions, LtxProviderProps } from './hooks/ltx-provider'
export { pushFromEvents } from './hooks/push-stream'
export type { EventSourceConstructor, EventSourceLike, PushContext, PushOptions, PushSource, PushStream } from './hooks/push-stream'
export { ltxKeys } from './hooks/ltx-keys'
export { jobStatusOptions, watchStateOptions } from './hooks/job-status-options'
export type { WatchState } from './hooks/job-status-options'
export { submitVideoOptions } from './hooks/submit-video-options'
export { useSubmitVideo } from './hooks/use-submit-video'
export type { SubmitOptions, UseSubmitVideoOptions, UseSubmitVideoResult } from './hooks/use-submit-video'
export { useJobStatus } from './hooks/use-job-status'
export type { UseJobStatusOptions, UseJobStatusResult } from './hooks/use-job-status'
export { retakeOptions, useRetake } from './hooks/use-retake'
export type { RetakeRequest, RetakeSource, UseRetakeOptions, UseRetakeResult } from './hooks/use-retake'
export { useVideoJob } from './hooks/use-video-job'
export type { UseVideoJobOptions, UseVideoJobResult, VideoJobSubmitOptions } from './hooks/use-video-job'
export { useJobHistory } from './hooks/use-job-history'
export type { UseJobHistoryResult } from './hooks/use-job-history'
export { createJobStore, MAX_STORED_JOBS } from './core/job-store'
export type { JobStorage, JobStore, StoredJobs } from './core/job-store'
export type { PendingIntent } from './core/job-store'
export type { JobWatchOptions } from './hooks/job-poller'
// Components: each a headless hook (state and prop getters) and a styled component on it.
export { useJobProgress, defaultJobProgressLabels } from './components/use-job-progress'
export type {
  GenerationEstimate,
  JobProgressLabels,
  JobProgressState,
  UseJobProgressOptions,
  UseJobProgressResult,
} from './components/use-job-progress'
export { useJobClock } from './components/use-job-clock'
export type { JobClock, JobClockLabels, UseJobClockOptions } from './components/use-job-clock'
export { JobProgress } from './components/job-progress'
export type { JobProgressComponents, JobProgressProps } from './components/job-progress'
export { useVideoResult, defaultVideoResultLabels } from './components/use-video-result'
export type {
  RetakeHandoff,
  UseVideoResultOptions,
  UseVideoResultResult,
  VideoResultDetail,
  VideoResultLabels,
  VideoResultState,
  VideoUnavailableReason,
} from './components/use-video-result'
export { VideoResult } from './components/video-result'
export type { VideoCaptions, VideoResultComponents, VideoResultProps } from './components/video-result'
export { useSegmentPicker, useSegmentPickerState, defaultSegmentPickerLabels } from './components/use-segment-picker'
export type {
  SegmentPickerLabels,
  SegmentPickerState,
  SegmentPickerStateResult,
  SegmentThumb,
  SegmentThumbInputProps,
  SegmentThumbProps,
  SegmentTick,
  UseSegmentPickerOptions,
  UseSegmentPickerResult,
} from './components/use-segment-picker'
export { SegmentPicker } from './components/segment-picker'
export type { SegmentPickerComponents, SegmentPickerProps } from './components/segment-picker'
export { segmentToRetake } from './components/segment-to-retake'
export type { SegmentValue } from './components/segment-to-retake'
export { formatClock, formatSpokenTime } from './components/format-time'
export type { ButtonSlot, LinkSlot, PartProps, VideoSlot } from './components/component-slots'
export * from './components/parameter-form/index'
