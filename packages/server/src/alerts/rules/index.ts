// Every alert rule of SPEC §4, in the order they are evaluated.
import type { Rule } from '../condition.ts';
import { agentStranded, rebalance } from './agents.ts';
import { ticketPingpong } from './pingpong.ts';
import { csatLow, queueWait, serviceLevel } from './queue.ts';
import { slaAtRisk, slaBreach } from './sla.ts';

export const RULES: Rule[] = [slaAtRisk, slaBreach, queueWait, serviceLevel, csatLow, agentStranded, ticketPingpong, rebalance];
