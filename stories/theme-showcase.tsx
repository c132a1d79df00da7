import { useState, type CSSProperties, type ReactNode } from 'react'
import { JobProgress, LtxError, ParameterForm, SegmentPicker, VideoResult, type ModelParams } from '../src/index'
import { mossJobProgress, mossParameterForm, mossSegmentPicker, mossVideoResult, MossCard } from './sample-design-system'
import { answersWith, FixedJob, jobSubmitted, sampleVideoUrl, succeededWith } from './story-fakes'

/** Props of {@link ThemeShowcase}. */
export interface ThemeShowcaseProps {
  /** `ltx`: the library's own styles (themed by custom properties); `moss`: `unstyled` plus the sample design system's parts. */
  design?: 'ltx' | 'moss'
  /** Stop watching the running job after this many milliseconds (shows "Keep watching"). */
  deadline?: number
  onSubmit?: (values: ModelParams<'ltx-2-fast'>) => void
}

const apixoInput = { mode: 'text-to-video', prompt: 'A lighthouse at dusk', resolution: '720p', duration: 10 } as const
const t2vInput = { prompt: 'A red fox trotting through fresh snow', width: 1280, height: 720, num_frames: 161, fps: 24, seed: 42 }

const ltxLayout: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: 'repeat(auto-fit, minmax(22rem, 1fr))',
  gap: 20,
  alignItems: 'start',
  padding: 20,
  background: 'var(--ltx-color-bg)',
  color: 'var(--ltx-color-fg)',
  fontFamily: 'var(--ltx-font)',
}

const ltxTitle: CSSProperties = { margin: '0 0 8px', fontSize: 13, letterSpacing: '0.08em', textTransform: 'uppercase', color: 'var(--ltx-color-muted)' }

function LtxCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <h3 style={ltxTitle}>{title}</h3>
      {children}
    </section>
  )
}

/**
 * All four components side by side in representative states, for the theming stories: a form,
 * a running job with an estimate, a failed job, a finished video and a segment picker.
 */
export function ThemeShowcase({ design = 'ltx', deadline, onSubmit }: ThemeShowcaseProps) {
  const moss = design === 'moss'
  const Card = moss ? MossCard : LtxCard
  const [finished] = useState(() =>
    succeededWith(jobSubmitted('ltx-2-19b-t2v', 'segmind'), sampleVideoUrl('with-audio'), {
      metrics: { cost: 0.2, queueTime: 1.2, inferenceTime: 30.5, totalTime: 31.7 },
    }),
  )
  const failed = answersWith('failed', {
    error: new LtxError('generation-failed', 'Video generation failed, please try again', { failCode: 'GENERATION_FAILED' }),
  })

  return (
    <div className={moss ? 'moss' : undefined} style={moss ? undefined : ltxLayout}>
      <div className={moss ? 'moss-column' : undefined} style={moss ? undefined : { display: 'grid', gap: 20 }}>
        <Card title="Parameters">
          <ParameterForm
            model="ltx-2-fast"
            onSubmit={onSubmit ?? (() => undefined)}
            {...(moss ? { unstyled: true, className: 'moss-form', components: mossParameterForm } : {})}
          />
        </Card>
      </div>
      <div className={moss ? 'moss-column' : undefined} style={moss ? undefined : { display: 'grid', gap: 20 }}>
        <Card title="Progress">
          <FixedJob model="ltx-2-19b" provider="apixo" secondsAgo={45} answer={answersWith('running', { providerStatus: 'processing' })}>
            {(job) => (
              <JobProgress
                job={job}
                input={apixoInput}
                {...(deadline === undefined ? {} : { deadline })}
                {...(moss ? { unstyled: true, className: 'moss-progress', components: mossJobProgress } : {})}
              />
            )}
          </FixedJob>
          <div style={{ height: 12 }} />
          <FixedJob model="ltx-2-19b" provider="apixo" secondsAgo={80} answer={failed}>
            {(job) => <JobProgress job={job} {...(moss ? { unstyled: true, className: 'moss-progress', components: mossJobProgress } : {})} />}
          </FixedJob>
        </Card>
        <Card title="Result">
          <VideoResult
            snapshot={finished}
            input={t2vInput}
            {...(moss ? { unstyled: true, className: 'moss-result', components: mossVideoResult } : {})}
          />
        </Card>
        <Card title="Segment">
          <SegmentPicker
            durationSec={4}
            src={sampleVideoUrl('silent')}
            defaultValue={{ start: 0.5, end: 3 }}
            {...(moss ? { unstyled: true, className: 'moss-picker', components: mossSegmentPicker } : {})}
          />
        </Card>
      </div>
    </div>
  )
}
