import { InspectorService } from '../../engine/api/service';
import { apiSuite } from './suite';

apiSuite('the in-process service', async () => {
  const service = await InspectorService.create();
  return {
    api: service,
    on: (event, listener) =>
      service.events.subscribe((name, payload) => {
        if (name === event) listener(payload as never);
      }),
    close: () => service.close(),
  };
});
