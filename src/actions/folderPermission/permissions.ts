// folderPermission/permissions: the configured calendar permission options.
import { readSetting } from "../configurationSetting.js";
import { optionPermissionsAction } from "../mailboxSettings/permissionsAction.js";
import { folderPermissionDisplayName, folderPermissionOptions } from "./settings.js";

export const folderPermissionPermissions = optionPermissionsAction({
  name: "folderPermission/permissions",
  summary: "List the configured calendar permission options (FolderPermissionOptions)",
  list: (configuration) =>
    readSetting(configuration, folderPermissionOptions).map((option) => ({
      DisplayName: folderPermissionDisplayName(option),
      Identification: {
        Id: option.Id,
        mailboxFolderUser: option.mailboxFolderUser,
        mailboxFolderAccessRight: option.mailboxFolderAccessRight,
      },
    })),
});
