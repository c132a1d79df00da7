import type { ModelId, ModelInput } from '../models/registry'

/**
 * One valid input per model, taken from the provider pages' own examples (APIXO's from its
 * documented fields). Use them in your tests and stories as known-good submits.
 */
export const exampleInputs = {
  'ltx-2-19b-t2v': {
    prompt:
      'A dynamic medium shot of a young woman in casual streetwear walking quickly toward the camera through a modern tech office corridor, bright daytime lighting, smooth handheld tracking shot, natural office ambience as she excitedly says: "L T X 2 video model is superfast"',
    negative_prompt: 'blurry, low quality, still frame, frames, watermark, overlay, titles, has blurbox, has subtitles',
    width: 720,
    height: 1280,
    num_frames: 121,
    fps: 24,
    seed: 1234567890,
    guidance_scale: 4,
  },
  'ltx-video': {
    cfg: 3,
    seed: 2357108,
    steps: 30,
    length: 97,
    prompt:
      'A woman with dark hair pulled back looks down and to her right, then back up as she speaks. The camera angle is a close-up, focused on her face and upper torso. The lighting is dim and blue-toned, creating a somber and intense atmosphere.',
    target_size: 640,
    aspect_ratio: '3:2',
    negative_prompt: 'low quality, worst quality, deformed, distorted',
  },
  'ltx-2-fast': {
    prompt:
      'A seamless cinematic sequence: gliding through a sunlit forest with beams of light, pushing upward through treetops into the open sky, breaking through drifting clouds, finally emerging into outer space looking down on Earth, cinematic, photorealistic',
    duration: 8,
    resolution: '2k',
    generate_audio: true,
  },
  'ltx-retake-video': {
    video_uri: 'https://segmind-resources.s3.amazonaws.com/output/ef54dfe1-8e36-48f2-8811-1f31c7f52afe-ltx-2-input.mp4',
    start_time: 0,
    duration: 4,
    prompt: 'change the background to beach',
    mode: 'replace_audio_and_video',
  },
  'ltx-2-19b': {
    mode: 'text-to-video',
    prompt: 'A red fox trotting through fresh snow at sunrise, soft golden light, shallow depth of field',
    resolution: '720p',
    duration: 10,
    aspect_ratio: '16:9',
    seed: 42,
  },
} as const satisfies { [Id in ModelId]: ModelInput<Id> }
