/**
 * The charging operations as worker-pool tasks (runInWorker(…/tasks.ts, 'chargingTask', [request])):
 * the thread keeps the network model of the latest key and answers `{ need: 'inputs' }` when the
 * request's key is not the one it holds and no inputs came with it; the main thread (network.ts
 * `onNetwork`) then reads them once and asks again. A ProblemError comes back as data (an error
 * crossing threads keeps only its message) and network.ts throws it again.
 */
import { ProblemError } from '../problem.ts';
import { buildNetwork, type NetworkInputs, type NetworkModel } from './model.ts';
import { coverageOp, isochronesOp, parcelOp, travelTimeOp, uncoveredOp, whatIfOp } from './coverage-ops.ts';
import { sitesOp, type PlaceRow } from './sites-ops.ts';
import type { MultiPolygon, Polygon } from 'geojson';

export interface StationRow { id: string; name_zh: string | null; site_kind: 'public' | 'service_area'; lon: number; lat: number }

export interface TaskRequest {
  key: string;
  op: 'info' | 'coverage' | 'parcel' | 'travel-time' | 'isochrones' | 'uncovered' | 'what-if' | 'sites';
  args: unknown[];
  stations: StationRow[];
  inputs?: NetworkInputs;
}

export interface ProblemData { status: number; title: string; detail: string; extensions: Record<string, unknown>; zh?: { title: string; detail: string } }

export type TaskOutcome<T> = { value: T } | { need: 'inputs' } | { problem: ProblemData };

let current: NetworkModel | undefined;

/** What the main thread keeps of the network (network.ts `Network`, without its functions). */
function info(net: NetworkModel) {
  return {
    fingerprint: net.fingerprint, crs: net.crs, grid: net.grid, cellIndex: net.cellIndex, cells: { urban: net.cells.urban },
    roads: net.roads, built: net.built,
  };
}

async function run(net: NetworkModel, op: TaskRequest['op'], args: unknown[], stations: StationRow[]): Promise<unknown> {
  switch (op) {
    case 'info': return info(net);
    case 'coverage': return coverageOp(net, stations, args[0] as never);
    case 'parcel': return parcelOp(net, stations, args[0] as never, args[1] as Polygon | MultiPolygon);
    case 'travel-time': return travelTimeOp(net, stations, args[0] as never);
    case 'isochrones': return isochronesOp(net, stations, args[0] as never);
    case 'uncovered': return uncoveredOp(net, stations, args[0] as never);
    case 'what-if': return whatIfOp(net, stations, args[0] as never);
    case 'sites': return sitesOp(net, stations, args[0] as never, args[1] as PlaceRow[]);
  }
}

/** One charging operation on the network of `req.key` (built here from `req.inputs` when needed). */
export async function chargingTask(req: TaskRequest): Promise<TaskOutcome<unknown>> {
  if (current?.fingerprint !== req.key) {
    if (!req.inputs || req.inputs.key !== req.key) return { need: 'inputs' };
    current = undefined; // free the old model before building the new one
    current = buildNetwork(req.inputs);
  }
  try {
    return { value: await run(current, req.op, req.args, req.stations) };
  } catch (e) {
    if (e instanceof ProblemError) return { problem: { status: e.status, title: e.title, detail: e.detail, extensions: e.extensions, zh: e.zh } };
    throw e;
  }
}
