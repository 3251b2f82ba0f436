import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { parseRedisUrl } from "../sim/queue/redisConnection.ts";

const DEPLOY = join(import.meta.dirname, "..", "deploy");

// biome-ignore lint/suspicious/noExplicitAny: Kubernetes objects, read as plain data
type K8s = any;
const docs = (file: string): K8s[] =>
  parseAllDocuments(readFileSync(join(DEPLOY, file), "utf8")).map((d) => {
    expect(d.errors, file).toEqual([]);
    return d.toJS();
  });

/** Not a schema validation (no validator installs here): the recipe's parts agree with each other. */
describe("deploy/: the Kubernetes recipe holds together", () => {
  const redis = docs("redis.yaml");
  const workers = docs("workers.yaml")[0];
  const job = docs("sweep-job.yaml")[0];
  const pvc = docs("results-volume.yaml")[0];
  const pods = [workers.spec.template.spec, job.spec.template.spec];

  it("workers and coordinator reach Redis with a password from the Secret Redis uses", () => {
    const service = redis.find((d) => d.kind === "Service");
    const redisSecret = redis.find((d) => d.kind === "StatefulSet").spec.template.spec.containers[0].env[0];
    for (const pod of pods) {
      const c = pod.containers[0];
      const url = c.args[c.args.indexOf("--queue") + 1] as string;
      const resolved = url.replace("$(REDIS_PASSWORD)", "from-the-secret");
      const parsed = parseRedisUrl(resolved);
      expect(parsed.host).toBe(service.metadata.name);
      expect(parsed.port).toBe(service.spec.ports[0].port);
      expect(parsed.password).toBe("from-the-secret");
      expect(c.env[0].valueFrom).toEqual(redisSecret.valueFrom);
      expect(pod.securityContext.runAsNonRoot).toBe(true);
    }
  });

  it("both mount the shared results volume where their --results/--out point", () => {
    for (const pod of pods) {
      const c = pod.containers[0];
      expect(pod.volumes[0].persistentVolumeClaim.claimName).toBe(pvc.metadata.name);
      const mount = c.volumeMounts[0].mountPath;
      const flag = c.args.includes("--results") ? "--results" : "--out";
      expect(c.args[c.args.indexOf(flag) + 1]).toBe(mount);
    }
    expect(pvc.spec.accessModes).toEqual(["ReadWriteMany"]);
  });

  it("Redis is cluster-internal and admits only Crucible's pods", () => {
    expect(redis.find((d) => d.kind === "Service").spec.type).toBe("ClusterIP");
    const policy = redis.find((d) => d.kind === "NetworkPolicy");
    const [key, value] = Object.entries(policy.spec.ingress[0].from[0].podSelector.matchLabels)[0];
    expect(workers.spec.template.metadata.labels[key]).toBe(value);
    expect(job.spec.template.metadata.labels[key]).toBe(value);
    const args = redis.find((d) => d.kind === "StatefulSet").spec.template.spec.containers[0].args;
    expect(args).toEqual(expect.arrayContaining(["--requirepass", "--appendonly", "noeviction"]));
  });
});
