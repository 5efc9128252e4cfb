// Every action, asked by every kind of caller, with bodies that are not forms
// (JSON, text, bytes) or not what they say they are: a 4xx (or a redirect to
// sign in), never a 500. Actions read their body through readForm / readUploadForm.
import { beforeAll, describe, expect, it } from "vitest";
import { routeFiles, routeModule } from "./call-route";
import { REQUESTS } from "./requests";
import { CLIENT_IP, cookieFor, seedWorld, useTemporaryDocumentStore, type World } from "./world";

useTemporaryDocumentStore();

let world: World;

beforeAll(async () => {
  world = await seedWorld();
});

const BODIES: Array<{ contentType: string | null; body: BodyInit }> = [
  { contentType: "application/json", body: '{"email":"a@b.kz","password":"x","lang":"ru"}' },
  { contentType: "text/plain", body: "email=a@b.kz&password=x&lang=ru" },
  {
    contentType: "application/octet-stream",
    body: new Blob([new Uint8Array([0, 255, 1, 254, 10, 13])]),
  },
  { contentType: "multipart/form-data; boundary=zzz", body: "--zzz\r\nbroken" },
  { contentType: "multipart/form-data", body: "no boundary" },
];

describe("hostile bodies on every action", () => {
  it("answers 4xx (or a redirect to sign in), never 500, to bodies that are not forms", async () => {
    const people = [
      null,
      world.people.organizer.creator,
      world.people.lawyer.assigned,
      world.people.coordinator.sameRegion,
      world.people.admin.none,
    ];
    const failures: string[] = [];
    let actions = 0;
    for (const [route, file] of routeFiles()) {
      const module = await routeModule(file);
      if (!module.action) continue;
      actions += 1;
      const recipe =
        REQUESTS[`${route} POST`] ??
        Object.entries(REQUESTS).find(([key]) => key.startsWith(`${route} POST `))?.[1];
      if (!recipe) throw new Error(`no request recipe for ${route}`);
      const prepared = await recipe(world);
      for (const person of people) {
        const cookie = await cookieFor(person);
        for (const { contentType, body } of BODIES) {
          const headers = new Headers({
            "X-Adal-Client-Ip": CLIENT_IP,
            Origin: "http://localhost",
          });
          if (cookie) headers.set("Cookie", cookie);
          if (contentType) headers.set("Content-Type", contentType);
          const request = new Request(`http://localhost${prepared.path}`, {
            method: "POST",
            headers,
            body,
          });
          let status: number;
          try {
            const answer = await module.action({ request, params: prepared.params, context: {} });
            status = answer instanceof Response ? answer.status : 200;
          } catch (thrown) {
            status = thrown instanceof Response ? thrown.status : 500;
          }
          if (!(status >= 300 && status < 500))
            failures.push(`${route} as ${person?.role ?? "anonymous"}, ${contentType}: ${status}`);
        }
      }
      await prepared.after?.();
    }
    expect(actions).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  });

  it("tells the sender of JSON to /login and /language that only forms are read (415)", async () => {
    for (const route of ["login", "language"]) {
      const module = await routeModule(routeFiles().get(route)!);
      const request = new Request(`http://localhost/${route}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Adal-Client-Ip": CLIENT_IP },
        body: '{"lang":"ru"}',
      });
      const thrown = await Promise.resolve(
        module.action!({ request, params: {}, context: {} }),
      ).catch((error: unknown) => error);
      expect(thrown instanceof Response && thrown.status, route).toBe(415);
    }
  });
});
