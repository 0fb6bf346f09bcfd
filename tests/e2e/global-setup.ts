import { request } from '@playwright/test';

/** The demo investeringsleder, who creates the boards the tests use. */
export const OLA = { email: 'ola@duk.test', password: 'duk-demo-passord' };
export const STATE = '.auth/ola.json';

/** Signs in once; every test starts with this session (pages and API requests alike). */
export default async function globalSetup() {
  const ctx = await request.newContext({ baseURL: process.env.BASE_URL });
  const res = await ctx.post('/api/auth/login', { data: OLA });
  if (res.status() !== 200) {
    throw new Error(`cannot sign in as ${OLA.email}: ${res.status()} ${await res.text()}`);
  }
  await ctx.storageState({ path: STATE });
  await ctx.dispose();
}
