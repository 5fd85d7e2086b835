/** Entry point of SAM expansion, loaded on demand by the CloudFormation loader. */
export { expandSam } from './expand.js';
