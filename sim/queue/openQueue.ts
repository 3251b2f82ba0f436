import { Queue } from "bullmq";
import { DEFAULT_QUEUE_NAME } from "./queueJob.ts";
import { parseRedisUrl } from "./redisConnection.ts";

/** Where a coordinator or a worker finds its jobs: a Redis URL and the queue's name. */
export interface QueueAddress {
  /** `redis://[user]:password@host:port[/db]`, or `rediss://` for TLS. */
  url: string;
  /** The BullMQ queue (default `crucible`); coordinators and workers must agree. */
  name?: string;
}

/** Opens the queue a coordinator adds to. Connection errors are reported by the caller's polling. */
export function openQueue(address: QueueAddress): Queue {
  const queue = new Queue(address.name ?? DEFAULT_QUEUE_NAME, {
    connection: { ...parseRedisUrl(address.url), maxRetriesPerRequest: 3 },
  });
  // Without a listener an 'error' event (Redis restarting) would end the process.
  queue.on("error", () => undefined);
  return queue;
}
