import { InspectorService } from '../../engine/api/service';
import type { ApiEventName } from '../../engine/api/types';
import { apiSuite } from './suite';

apiSuite('the in-process service', async (options) => {
  const service = await InspectorService.create(options);
  return {
    api: service,
    on: (event, listener) =>
      service.events.subscribe((name, payload) => {
        // Two type parameters named E: compare them as plain event names.
        if ((name as ApiEventName) === event) listener(payload as never);
      }),
    close: () => service.close(),
  };
});
