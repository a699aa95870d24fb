/**
 * Draws one image of a share's chosen messages for the image store: the selection resolved
 * against the snapshot, the messages split into images, the asked-for one drawn, and how
 * many there are written into it (png-text.ts). Splitting is remembered for a few selections,
 * so asking for the images of one selection in turn lays the messages out once; at most two
 * images are drawn at a time, so a burst of requests cannot take every core.
 */
import type { Snapshot } from '@chatshare/core';
import { LruCache } from '../render/lru.js';
import {
  drawConversationPart,
  planConversationImages,
  type ConversationImageInput,
  type ConversationPlan,
} from './conversation-image.js';
import { imageLabels } from './image-labels.js';
import { allowedRange, defaultRange, rangeError, type ImageSelection } from './image-selection.js';
import { withPngText } from './png-text.js';

/** The tEXt keyword that carries the number of images of a selection. */
export const PARTS_KEYWORD = 'chatshare-parts';

export interface ShareImageJob {
  /** Names the share's version and the selection without its part: the plans are kept by it. */
  planKey: string;
  title: string;
  url: string;
  snapshot: Snapshot;
  selection: ImageSelection;
}

const plans = new LruCache<Promise<ConversationPlan>>(16, 16);
const MAX_DRAWING = 2;
let drawing = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(task: () => Promise<T>): Promise<T> {
  if (drawing >= MAX_DRAWING) await new Promise<void>((resolve) => waiting.push(resolve));
  drawing++;
  try {
    return await task();
  } finally {
    drawing--;
    waiting.shift()?.();
  }
}

function planOf(key: string, input: ConversationImageInput): Promise<ConversationPlan> {
  let plan = plans.get(key);
  if (!plan) {
    plan = planConversationImages(input);
    // A failed layout is not remembered: the next request tries again.
    plan.catch(() => plans.delete(key));
    plans.set(key, plan, 1);
  }
  return plan;
}

export async function drawShareImage(job: ShareImageJob): Promise<Buffer> {
  const { snapshot, selection } = job;
  const range = selection.range ?? defaultRange(snapshot);
  const input: ConversationImageInput = {
    title: job.title,
    url: job.url,
    messages: snapshot.messages.slice(range.from - 1, range.to),
    theme: selection.theme,
    labels: imageLabels(selection.locale),
  };
  return inTurn(async () => {
    const plan = await planOf(job.planKey, input);
    const drawn = await drawConversationPart(plan, input, selection.part);
    if (!drawn) {
      const parts = plan.pages.length;
      throw rangeError({ ...allowedRange(snapshot.messages.length), parts }, `These messages take ${parts} image(s).`);
    }
    return withPngText(drawn.png, PARTS_KEYWORD, String(drawn.parts));
  });
}
