/**
 * A file dropped anywhere on the window: a .wasm goes to the deploy form, a .pis store is opened,
 * a .json script is loaded into the Steps view. A store is opened by its path, which only the
 * desktop app reveals; a browser tab says so and points at the Store section instead.
 */
import { desktopPathOf } from '../api/files';
import { ACCEPTED_FILES, droppedFileKind } from '../lib/dropped-file';
import { useContractStore } from './contracts';
import { useNavigationStore } from './navigation';
import { useScriptStore } from './scripts';
import { useUiStore } from './ui';
import { useWorkspaceStore } from './workspace';

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
      const workspace = useWorkspaceStore();
      if (await workspace.open(path)) ui.notify('success', `Opened ${file.name}`);
      else ui.notify('error', `${file.name}: ${workspace.error?.message ?? 'could not be opened'}`);
      return;
    }
    case 'script': {
      navigation.show('steps');
      // Loading switches the Steps view to its Script tab.
      await useScriptStore().load(path !== undefined ? { path } : { json: await file.text() });
      return;
    }
    default:
      ui.notify('error', `${file.name}: drop ${ACCEPTED_FILES}`);
  }
}
