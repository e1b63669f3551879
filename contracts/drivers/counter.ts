// Data-driver of the counter sample (contracts/src/counter.ts): an i64 read and incremented.
import { describeDriver } from './lib/abi';
export {
  alloc,
  dealloc,
  init,
  get_last_error,
  encode_input_fn,
  decode_input_fn,
  decode_output_fn,
  decode_event,
  get_schema,
  get_version,
} from './lib/abi';

describeDriver('counter', ['read_value|()|i64', 'increment|()|()'], []);
