//! Who is on the other end of the engine's socket: the OS user the kernel says (peer
//! credentials, never what the client says), and the role the team config gives them.

use crate::config::TeamSettings;
use crate::domain::actor::Actor;
use crate::domain::role::Role;

/// The name of the OS user running this process (the uid when it has no name).
pub fn os_user_name() -> String {
    let uid = current_uid();
    user_name(uid).unwrap_or_else(|| uid.to_string())
}

pub fn current_uid() -> u32 {
    // `libc::getuid` is always safe to call.
    #[allow(unsafe_code)]
    unsafe {
        libc::getuid()
    }
}

/// The name of a uid from the password database.
pub fn user_name(uid: u32) -> Option<String> {
    let mut buf = vec![0u8; 1024];
    let mut pwd: libc::passwd = unsafe_zeroed_passwd();
    let mut result: *mut libc::passwd = std::ptr::null_mut();
    #[allow(unsafe_code)]
    // SAFETY: `getpwuid_r` writes into `pwd` and `buf`, both live and sized as passed; `result`
    // points at `pwd` on success. `pw_name` then points into `buf`, read before `buf` drops.
    let name = unsafe {
        let rc = libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr().cast(), buf.len(), &mut result);
        if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        std::ffi::CStr::from_ptr(pwd.pw_name).to_string_lossy().into_owned()
    };
    Some(name)
}

fn unsafe_zeroed_passwd() -> libc::passwd {
    #[allow(unsafe_code)]
    // SAFETY: `passwd` is a plain C struct of pointers and integers; all-zero is a valid value.
    unsafe {
        std::mem::zeroed()
    }
}

/// Who runs this process, as admin: whoever can open the store file owns it (it is 0600).
pub fn local_actor(via: &str) -> Actor {
    Actor::person(&os_user_name(), Role::Admin, via)
}

/// A user's role on the data dir: what the team config says of them, else admin for the data
/// dir's owner, else the config's default (None: not allowed at all).
pub fn role_for(team: &TeamSettings, user: &str, uid: u32, owner_uid: u32) -> Option<Role> {
    if let Some(r) = team.roles.get(user) {
        return *r;
    }
    if uid == owner_uid {
        return Some(Role::Admin);
    }
    team.default_role
}

/// The gid of an OS group by name.
fn group_id(name: &str) -> Option<u32> {
    let cname = std::ffi::CString::new(name).ok()?;
    let mut buf = vec![0u8; 4096];
    let mut grp: libc::group = zeroed_group();
    let mut result: *mut libc::group = std::ptr::null_mut();
    #[allow(unsafe_code)]
    // SAFETY: `getgrnam_r` writes into `grp` and `buf`, both live and sized as passed.
    let rc = unsafe { libc::getgrnam_r(cname.as_ptr(), &mut grp, buf.as_mut_ptr().cast(), buf.len(), &mut result) };
    (rc == 0 && !result.is_null()).then_some(grp.gr_gid)
}

fn zeroed_group() -> libc::group {
    #[allow(unsafe_code)]
    // SAFETY: `group` is a plain C struct of pointers and integers; all-zero is a valid value.
    unsafe {
        std::mem::zeroed()
    }
}

/// Let an OS group reach the engine: the socket group-owned and 0660, the data dir
/// group-owned and 0710 (members pass through; they cannot list it or read the store).
pub fn share_with_group(data_dir: &std::path::Path, socket: &std::path::Path, group: &str) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    let gid = group_id(group).ok_or_else(|| format!("[team] group = {group:?}: no such OS group"))?;
    for (path, mode) in [(data_dir, 0o710), (socket, 0o660)] {
        std::os::unix::fs::chown(path, None, Some(gid))
            .map_err(|e| format!("cannot give {} to group {group}: {e}", path.display()))?;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
            .map_err(|e| format!("cannot set permissions on {}: {e}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_password_database() {
        assert_eq!(user_name(0).as_deref(), Some("root"), "uid 0 is root in every password database");
        assert!(!os_user_name().is_empty());
    }

    #[test]
    fn this_process_is_the_user_that_owns_the_files_it_makes() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let uid = std::fs::metadata(dir.path()).expect("metadata").uid();
        assert_eq!(current_uid(), uid);
        let name = user_name(uid).unwrap_or_else(|| uid.to_string());
        assert_eq!(os_user_name(), name);
        let me = local_actor("console");
        assert_eq!((me.user.as_str(), me.role, me.via.as_str()), (name.as_str(), Some(Role::Admin), "console"));
    }

    #[test]
    fn an_unknown_uid_or_group_has_no_name() {
        assert_eq!(user_name(3_999_999_999), None);
        assert_eq!(group_id("root"), Some(0), "gid 0 is root in every group database");
        assert_eq!(group_id("tokshop-no-such-group"), None);
        assert_eq!(group_id("bad\0name"), None, "a name with NUL is no group");
    }

    #[test]
    fn a_shared_data_dir_lets_the_group_through_but_not_read_it() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = tempfile::tempdir().expect("tempdir");
        let socket = dir.path().join("engine.sock");
        std::fs::write(&socket, b"").expect("socket stand-in");
        let mode = |p: &std::path::Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
        share_with_group(dir.path(), &socket, "root").expect("shared");
        assert_eq!((mode(dir.path()), mode(&socket)), (0o710, 0o660));
        assert_eq!(std::fs::metadata(&socket).expect("metadata").gid(), 0);
        let e = share_with_group(dir.path(), &socket, "tokshop-no-such-group").expect_err("no such group");
        assert!(e.contains("no such OS group"), "{e}");
    }

    #[test]
    fn roles_come_from_the_config_then_ownership_then_the_default() {
        let mut team = TeamSettings::default();
        assert_eq!(role_for(&team, "owner", 1000, 1000), Some(Role::Admin), "the data dir's owner");
        assert_eq!(role_for(&team, "bob", 1001, 1000), Some(Role::Viewer), "nobody listed: viewer by default");
        team.roles.insert("bob".into(), Some(Role::Warehouse));
        team.roles.insert("owner".into(), Some(Role::Support));
        team.roles.insert("eve".into(), None);
        assert_eq!(role_for(&team, "bob", 1001, 1000), Some(Role::Warehouse));
        assert_eq!(role_for(&team, "owner", 1000, 1000), Some(Role::Support), "the config may narrow the owner");
        assert_eq!(role_for(&team, "eve", 1002, 1000), None, "\"none\" is refused");
        team.default_role = None;
        assert_eq!(role_for(&team, "carol", 1003, 1000), None, "default_role = \"none\" refuses strangers");
    }
}
