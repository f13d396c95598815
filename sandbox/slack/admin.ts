import express, { type NextFunction, type Request, type Response } from 'express';
import { z, ZodError } from 'zod';
import { AppInput, AppUpdate, ChannelInput, InstallInput, UserInput, WorkspaceInput } from './directory';
import type { SlackEmulator } from './emulator';
import { EmulatorError, SlackApiError } from './errors';

const Members = z.object({ users: z.array(z.string()).min(1) });
const AppAndTeam = z.object({ app: z.string(), team: z.string() });
const EventInput = AppAndTeam.extend({ event: z.object({ type: z.string() }).passthrough() });

type Handler = (req: Request) => unknown;

/**
 * `/_admin`: what tests and operators use to set up the world, act as users,
 * read what apps did and inject faults. Not part of Slack.
 */
export function adminRouter(emulator: SlackEmulator): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '2mb' }));
  const route = (method: 'get' | 'post' | 'put' | 'patch', path: string, handler: Handler, status = 200) =>
    router[method](path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        res.status(status).json(await handler(req));
      } catch (err) {
        next(err);
      }
    });

  route('post', '/apps', (req) => emulator.registerApp(AppInput.parse(req.body)), 201);
  route('patch', '/apps/:id', (req) => emulator.updateApp(String(req.params.id), AppUpdate.parse(req.body)));
  route('post', '/workspaces', (req) => emulator.createWorkspace(WorkspaceInput.parse(req.body)), 201);
  route('post', '/users', (req) => emulator.addUser(UserInput.parse(req.body)), 201);
  route('post', '/channels', (req) => emulator.addChannel(ChannelInput.parse(req.body)), 201);
  route('post', '/channels/:id/members', (req) => emulator.joinChannel(String(req.params.id), Members.parse(req.body).users));
  route('post', '/install', (req) => {
    const { app, team, ...options } = InstallInput.parse(req.body);
    emulator.install(app, team, options);
    return emulator.installation(app, team);
  }, 201);
  route('post', '/uninstall', (req) => {
    const { app, team } = AppAndTeam.parse(req.body);
    return emulator.uninstall(app, team);
  });
  route('get', '/messages', (req) => {
    const channel = req.query.channel;
    if (typeof channel !== 'string') throw new EmulatorError('give ?channel=');
    return { channel, messages: emulator.messages(channel) };
  });
  route('get', '/views', () => ({ views: emulator.views() }));
  route('get', '/state', () => emulator.snapshot());
  route('post', '/click', (req) => emulator.click(req.body));
  route('post', '/submit-view', (req) => emulator.submitView(req.body));
  route('post', '/close-view', (req) => emulator.closeView(req.body));
  route('post', '/events', (req) => {
    const { app, team, event } = EventInput.parse(req.body);
    return emulator.sendEvent(app, team, event);
  }, 202);
  route('get', '/events', () => ({ deliveries: emulator.eventDeliveries() }));
  route('get', '/faults', () => emulator.faults.settings);
  route('put', '/faults', (req) => emulator.configureFaults(req.body));
  route('get', '/rate-limits', () => emulator.rateLimits.settings);
  route('put', '/rate-limits', (req) => emulator.configureRateLimits(req.body));
  route('post', '/reset', () => {
    emulator.reset();
    return { ok: true };
  });

  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ZodError) res.status(400).json({ error: 'invalid_request', issues: err.issues });
    else if (err instanceof EmulatorError) res.status(err.status).json({ error: err.message });
    else if (err instanceof SlackApiError) res.status(400).json({ error: err.error });
    else res.status(500).json({ error: String(err) });
  });
  return router;
}
