// Data-driver of the eventer sample (contracts/src/eventer.ts): u32 counts and values, "number" events.
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

describeDriver(
  'eventer',
  ['emit_events|u32|()', 'emit_events_raw|u32|()', 'emit_and_mutate|u32|()', 'read_value|()|u32'],
  ['number|u32'],
);
