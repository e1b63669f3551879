// Data-driver of the callcenter sample (contracts/src/callcenter.ts): its functions whose arguments
// and results are contract ids, integers and booleans (the delegations, with Vec<u8> and String
// arguments, are not covered: they answer Unsupported).
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
  'callcenter',
  [
    'query_counter|ContractId|i64',
    'increment_counter|ContractId|()',
    'calling_self|ContractId|bool',
    'return_self_id|()|ContractId',
    'return_caller|()|Option<ContractId>',
  ],
  [],
);
