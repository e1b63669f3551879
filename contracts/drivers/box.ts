// Data-driver of the box sample (contracts/src/box.ts): an Option<i16> set and read.
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

describeDriver('box', ['set|i16|()', 'get|()|Option<i16>'], []);
