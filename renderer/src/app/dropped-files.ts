/**
 * A file dropped anywhere on the window: a .wasm goes to the deploy form, a .pis store is opened,
 * a .json script is loaded into the Steps view. A store is opened by its path, which only the
 * desktop app reveals; a browser tab says so and points at the Store section instead.
 */
import { desktopPathOf, grantDroppedStore } from '../api/files';
import { toApiError } from '../common/lib/error-words';
import { ACCEPTED_FILES, droppedFileKind } from './dropped-file';
import { MAX_UPLOAD_BYTES, useContractStore } from '../calls/contract-store';
import { useNavigationStore } from '../common/navigation-store';
import { useScriptStore } from '../steps/script-store';
import { useUiStore } from '../common/ui-store';
import { useWorkspaceStore } from '../workspace/workspace-store';

export async function openDroppedFile(file: File): Promise<void> {
  const ui = useUiStore();
  const navigation = useNavigationStore();
  const path = desktopPathOf(file);
  switch (droppedFileKind(file.name)) {
    case 'contract':
      navigation.show('calls');
      await useContractStore().pickFile(file);
      return;
    case 'store': {
      if (path === undefined) {
        ui.notify(
          'error',
          `${file.name}: a browser does not reveal where a dropped file lives, so a store cannot be opened this way; type its path in the Store section`,
        );
        return;
      }
      // Dropping it chose it: its folder is granted to the engine, which writes only in chosen ones.
      try {
        await grantDroppedStore(file);
      } catch (e) {
        ui.notify('error', `${file.name}: ${toApiError(e).message}`);
        return;
      }
      const workspace = useWorkspaceStore();
      if (await workspace.open(path)) ui.notify('success', `Opened ${file.name}`);
      else ui.notify('error', `${file.name}: ${workspace.error?.message ?? 'could not be opened'}`);
      return;
    }
    case 'script': {
      // A browser sends the script's text itself: one message, under the socket's limit. (A
      // desktop path is read by the engine, which caps it itself.)
      if (path === undefined && file.size > MAX_UPLOAD_BYTES) {
        ui.notify(
          'error',
          `${file.name} is ${file.size.toLocaleString('en-US')} bytes, more than the ${MAX_UPLOAD_BYTES.toLocaleString('en-US')} a browser can send; type its path in the Script tab instead`,
        );
        return;
      }
      navigation.show('steps');
      // Loading switches the Steps view to its Script tab.
      await useScriptStore().load(path !== undefined ? { path } : { json: await file.text() });
      return;
    }
    default:
      ui.notify('error', `${file.name}: drop ${ACCEPTED_FILES}`);
  }
}
