/**
 * Every user-facing text, one catalog in sections (each area of the console adds its own file and
 * one line here; messages/index.ts looks texts up). Vietnamese first, English beside it.
 */
import { common } from './common';
import { documents } from './documents';
import { employer } from './employer';
import { facility } from './facility';
import { officer } from './officer';
import { oidc } from './oidc';
import { participant } from './participant';
import { operator } from './operator';
import { notices } from './notices';
import { problems } from './problems';
import { claimWords } from './claim';
import { preferences } from './preferences';
import { selfService } from './self-service';
import { stack } from './stack';
import { recovery } from './recovery';
import { cli } from './cli';
import { declarationCases } from './declaration-cases';
import { payments } from './payments';
import { dataUpdates } from './data-updates';
import { fhir } from './fhir';
import { d02 } from './d02';

export const catalog = {
  ...common,
  ...oidc,
  ...facility,
  ...participant,
  ...employer,
  ...officer,
  ...operator,
  ...notices,
  ...problems,
  ...claimWords,
  ...documents,
  ...preferences,
  ...selfService,
  ...stack,
  ...recovery,
  ...declarationCases,
  ...cli,
  ...payments,
  ...dataUpdates,
  ...fhir,
  ...d02,
};
