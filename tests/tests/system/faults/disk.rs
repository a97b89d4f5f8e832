//! A full disk and a read-only disk under SQLite: writes refused with 503 and changing nothing,
//! reads going on, the database intact after. Both mount a filesystem of their own, which needs
//! root (the test command has it); without it they fail rather than skip.

use std::time::Duration;

use diesel::RunQueryDsl as _;
use kanwu_api::config::DatabaseUrl;
use kanwu_api::db::Manager;
use reqwest::Method;
use serde_json::json;
use system_tests::fixtures::{category, integrity_check, stored_views, ArticleFixture};
use system_tests::members::{BROWSER, PASSWORD};
use system_tests::process::KanwuProcess;
use system_tests::{assert_problem, Backend, TestApp};

/// A small filesystem of its own for a test's data folder, unmounted when dropped. Mounting needs
/// root, which the test command has; without it the test fails rather than skips.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(megabytes: u32) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(dir.path())
            .status()
            .expect("run mount");
        assert!(
            mounted.success(),
            "mounting a tmpfs needs root (the test command runs as root in CI)"
        );
        SmallDisk { dir }
    }

    fn path(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// Writes a file until the disk refuses more.
    fn fill(&self) -> std::path::PathBuf {
        use std::io::Write as _;
        let path = self.path().join("filler");
        let mut file = std::fs::File::create(&path).unwrap();
        for chunk in [1 << 20, 4096, 1] {
            let bytes = vec![0u8; chunk];
            while file
                .write_all(&bytes)
                .and_then(|()| file.sync_all())
                .is_ok()
            {}
        }
        path
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}

/// A full disk under SQLite: writes get 503 with `Retry-After` and change nothing, reads keep
/// working, views counted meanwhile wait in memory; once there is room again every write works,
/// the views are stored and the database passes `PRAGMA integrity_check`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_refuses_writes_with_503_keeps_reads_and_corrupts_nothing() {
    let disk = SmallDisk::mount(48);
    let data_dir = disk.path().display().to_string();
    let app = TestApp::spawn_with(
        Backend::Sqlite,
        &[
            ("KANWU_DATA_DIR", &data_dir),
            ("KANWU_VIEW_FLUSH_MS", "200"),
        ],
    )
    .await;
    let article = app
        .with_db(|c| {
            let features = category(c, "特稿", "features", None, 0);
            ArticleFixture::new(features, "磁盘满了").insert(c)
        })
        .await;
    let admin = app.admin("chief", PASSWORD).await;
    let member = app
        .register_personal("reader-on-a-full-disk", PASSWORD)
        .await;
    let png_with_padding = {
        let mut bytes =
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89"
                .to_vec();
        bytes.resize(64 * 1024, 7);
        bytes
    };
    let upload = || app.upload(&admin.access_token, "a.png", "image/png", &png_with_padding);
    let rename = |name: &'static str| {
        app.send_as(
            Method::PATCH,
            "/api/v1/members/me",
            &member.access_token,
            json!({"display_name": name}),
        )
    };

    // The write-ahead log emptied first, so that any write needs new room.
    app.with_db(|c| {
        diesel::sql_query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(c)
            .unwrap();
    })
    .await;
    let filler = disk.fill();

    let refused = rename("满盘时的名字").await;
    assert!(refused.headers().contains_key("retry-after"));
    assert_problem(refused, 503, "service_unavailable").await;
    assert_problem(upload().await, 503, "service_unavailable").await;
    let captcha = app.captcha_request(BROWSER).send().await.unwrap();
    assert_problem(captcha, 503, "service_unavailable").await;

    let read = app
        .get(&format!("/api/v1/articles/{article}"))
        .await
        .unwrap();
    assert_eq!(read.status(), 200, "reads keep working");
    let list = app
        .get("/api/v1/articles?author=%E5%91%A8%E8%BE%89")
        .await
        .unwrap();
    assert_eq!(
        list.status(),
        200,
        "a list read from the database, not the cache"
    );
    let me: serde_json::Value = app
        .get_as("/api/v1/members/me", &member.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_ne!(
        me["display_name"], "满盘时的名字",
        "a refused write changed nothing"
    );
    for viewer in 0..5 {
        let view = app
            .view_request(article, &format!("{BROWSER} full-disk-{viewer}"))
            .send()
            .await
            .unwrap();
        assert_eq!(view.status(), 200, "views are counted in memory");
    }
    // Flushes fail meanwhile and keep their deltas.
    tokio::time::sleep(Duration::from_millis(600)).await;

    std::fs::remove_file(filler).unwrap();
    assert_eq!(
        rename("有空间后的名字").await.status(),
        200,
        "writes work once there is room"
    );
    assert_eq!(upload().await.status(), 201);
    tokio::time::sleep(Duration::from_millis(1_000)).await;
    assert_eq!(
        app.with_db(move |c| stored_views(c, article)).await,
        5,
        "the views counted on the full disk"
    );
    let integrity = app.with_db(integrity_check).await;
    assert_eq!(integrity, "ok");
    app.stop().await;
}

/// An ext4 filesystem in a file, loop-mounted with `errors=remount-ro`: the kernel turns it
/// read-only at its first error, as it does a real disk's, whoever has files open for writing.
struct Ext4Disk {
    image: tempfile::TempDir,
    mount: tempfile::TempDir,
}

impl Ext4Disk {
    fn mount() -> Self {
        let image = tempfile::tempdir().unwrap();
        let mount = tempfile::tempdir().unwrap();
        let file = image.path().join("disk.img");
        std::fs::File::create(&file)
            .unwrap()
            .set_len(64 << 20)
            .unwrap();
        let run = |program: &str, args: &[&std::ffi::OsStr]| {
            let status = std::process::Command::new(program)
                .args(args)
                .status()
                .unwrap();
            assert!(
                status.success(),
                "{program} {args:?} (needs root and loop devices, as the test command has)"
            );
        };
        run("mkfs.ext4", &["-q".as_ref(), file.as_os_str()]);
        run(
            "mount",
            &[
                "-o".as_ref(),
                "loop,errors=remount-ro".as_ref(),
                file.as_os_str(),
                mount.path().as_os_str(),
            ],
        );
        Ext4Disk { image, mount }
    }

    fn path(&self) -> &std::path::Path {
        self.mount.path()
    }

    /// What ext4 does on a disk error: read-only from now on.
    fn fail(&self) {
        let source = std::process::Command::new("findmnt")
            .args(["-n", "-o", "SOURCE"])
            .arg(self.path())
            .output()
            .unwrap();
        let device = String::from_utf8(source.stdout).unwrap();
        let device = device.trim().rsplit('/').next().unwrap().to_owned();
        std::fs::write(
            format!("/sys/fs/ext4/{device}/trigger_fs_error"),
            "kanwu fault test\n",
        )
        .unwrap();
        let options = std::process::Command::new("findmnt")
            .args(["-n", "-o", "OPTIONS"])
            .arg(self.path())
            .output()
            .unwrap();
        let options = String::from_utf8_lossy(&options.stdout).trim().to_owned();
        // Shown as `ro`, or by newer kernels as `emergency_ro` beside the mount's own `rw`.
        assert!(
            options.split(',').any(|o| o == "ro" || o == "emergency_ro"),
            "read-only now: {options}"
        );
    }

    /// Unmounts, repairs the error flag as `fsck` would at boot, and mounts again writable.
    fn remount_repaired(&self) {
        let file = self.image.path().join("disk.img");
        // The stopped server's last pooled connections close a moment after it.
        let mut unmounted = false;
        for _ in 0..50 {
            if std::process::Command::new("umount")
                .arg(self.path())
                .status()
                .unwrap()
                .success()
            {
                unmounted = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        assert!(unmounted, "unmount within 5 s of the server's stop");
        // e2fsck exits 1 when it corrected something (the error flag): not a failure.
        let checked = std::process::Command::new("e2fsck")
            .args(["-fy"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            checked.status.code().is_some_and(|c| c <= 1),
            "{}",
            String::from_utf8_lossy(&checked.stdout)
        );
        let mounted = std::process::Command::new("mount")
            .args(["-o", "loop"])
            .arg(&file)
            .arg(self.path())
            .status()
            .unwrap();
        assert!(mounted.success());
    }
}

impl Drop for Ext4Disk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.mount.path())
            .status();
    }
}

/// The SQLite file turned read-only under a running server (ext4 after a disk error): writes get
/// 503 and change nothing, reads keep working; afterwards the database file is intact.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_database_file_refuses_writes_with_503_and_keeps_reads() {
    let disk = Ext4Disk::mount();
    // The real binary: its files close when it exits, so the disk can be checked after.
    let mut server = KanwuProcess::new(disk.path(), None, &[]);
    server.start().await;
    let database = DatabaseUrl::Sqlite(disk.path().join("kanwu.db"));
    let setup = database.clone();
    let article = tokio::task::spawn_blocking(move || {
        let mut conn = Manager::new(setup).establish().unwrap();
        let features = category(&mut conn, "特稿", "features", None, 0);
        ArticleFixture::new(features, "只读的磁盘").insert(&mut conn)
    })
    .await
    .unwrap();
    let member = server.register_personal("reader-read-only", PASSWORD).await;
    let rename = |name: &'static str| {
        server.send_as(
            Method::PATCH,
            "/api/v1/members/me",
            &member.access_token,
            json!({"display_name": name}),
        )
    };
    assert_eq!(rename("只读之前的名字").await.status(), 200);

    disk.fail();
    let refused = rename("只读时的名字").await;
    assert!(refused.headers().contains_key("retry-after"));
    assert_problem(refused, 503, "service_unavailable").await;
    let captcha = server.captcha_request(BROWSER).send().await.unwrap();
    assert_problem(captcha, 503, "service_unavailable").await;
    let read = server
        .get(&format!("/api/v1/articles/{article}"))
        .await
        .unwrap();
    assert_eq!(read.status(), 200, "reads keep working");
    let list = server
        .get("/api/v1/articles?author=%E5%91%A8%E8%BE%89")
        .await
        .unwrap();
    assert_eq!(
        list.status(),
        200,
        "a list read from the database, not the cache"
    );
    let me: serde_json::Value = server
        .get_as("/api/v1/members/me", &member.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        me["display_name"], "只读之前的名字",
        "the refused write changed nothing"
    );
    server.kill_9().await;

    disk.remount_repaired();
    let (integrity, name) = tokio::task::spawn_blocking(move || {
        use diesel::prelude::*;
        use kanwu_api::db::schema::members;
        let mut conn = Manager::new(database).establish().unwrap();
        let integrity = integrity_check(&mut conn);
        let name: String = members::table
            .filter(members::username.eq("reader-read-only"))
            .select(members::display_name)
            .first(&mut conn)
            .unwrap();
        (integrity, name)
    })
    .await
    .unwrap();
    assert_eq!(integrity, "ok");
    assert_eq!(name, "只读之前的名字", "what was written before is there");
}
