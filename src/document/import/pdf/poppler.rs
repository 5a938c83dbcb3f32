//! The poppler backend: `pdfinfo`, `pdftotext`, `pdftohtml` and `pdftoppm` run as
//! subprocesses, each stopped at its timeout, and their failures told apart.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{PageRuns, PdfBackend, PdfError, PdfInfo, geometry};

/// poppler-utils' programs on the PATH.
#[derive(Debug, Clone)]
pub struct Poppler {
    /// Time one program may take; scaled by the page count for whole-document runs.
    pub timeout: Duration,
}

impl Default for Poppler {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(60),
        }
    }
}

impl Poppler {
    fn run(
        &self,
        tool: &'static str,
        args: &[&str],
        timeout: Duration,
    ) -> Result<Vec<u8>, PdfError> {
        run_tool(tool, args, timeout)
    }

    fn scaled(&self, pages: u32) -> Duration {
        self.timeout + Duration::from_millis(200) * pages
    }
}

/// Run a program to completion within `timeout`, returning its standard output; a program
/// still running then is killed (a hanging poppler on a hostile file must not hang the app).
pub fn run_tool(tool: &'static str, args: &[&str], timeout: Duration) -> Result<Vec<u8>, PdfError> {
    let mut child = match Command::new(tool)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(PdfError::ToolMissing { tool });
        }
        Err(e) => return Err(e.into()),
    };
    // Read both pipes on their own threads so a full pipe never stalls the child.
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = s.read_to_end(&mut buf);
        }
        buf
    });
    let err = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stderr.as_mut() {
            let _ = s.read_to_end(&mut buf);
        }
        buf
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Err(PdfError::Timeout {
                tool,
                secs: timeout.as_secs(),
            });
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stdout = out.join().unwrap_or_default();
    let stderr = String::from_utf8_lossy(&err.join().unwrap_or_default()).into_owned();
    if status.success() {
        return Ok(stdout);
    }
    Err(classify_failure(&stderr))
}

fn classify_failure(stderr: &str) -> PdfError {
    let lower = stderr.to_ascii_lowercase();
    if lower.contains("incorrect password") || lower.contains("encrypted") {
        return PdfError::Encrypted;
    }
    let first = stderr
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("poppler could not read it")
        .trim()
        .to_owned();
    PdfError::Damaged(first)
}

impl PdfBackend for Poppler {
    fn info(&self, file: &Path) -> Result<PdfInfo, PdfError> {
        let out = self.run("pdfinfo", &["-enc", "UTF-8", &path_arg(file)], self.timeout)?;
        Ok(parse_info(&String::from_utf8_lossy(&out)))
    }

    fn text(&self, file: &Path, pages: u32) -> Result<String, PdfError> {
        let out = self.run(
            "pdftotext",
            &["-enc", "UTF-8", &path_arg(file), "-"],
            self.scaled(pages),
        )?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    fn runs(&self, file: &Path, pages: u32) -> Result<Vec<PageRuns>, PdfError> {
        let out = self.run(
            "pdftohtml",
            &["-xml", "-i", "-q", "-nodrm", "-stdout", &path_arg(file)],
            self.scaled(pages),
        )?;
        Ok(geometry::parse_xml(&String::from_utf8_lossy(&out)))
    }

    fn word_boxes(&self, file: &Path, pages: u32) -> Result<String, PdfError> {
        let out = self.run(
            "pdftotext",
            &["-bbox-layout", "-enc", "UTF-8", &path_arg(file), "-"],
            self.scaled(pages),
        )?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    fn render(&self, file: &Path, page: u32, dpi: u32, out: &Path) -> Result<(), PdfError> {
        let page = page.to_string();
        let dpi = dpi.to_string();
        // pdftoppm appends `.png` to the root it is given.
        let root = out.with_extension("");
        self.run(
            "pdftoppm",
            &[
                "-png",
                "-singlefile",
                "-f",
                &page,
                "-l",
                &page,
                "-r",
                &dpi,
                &path_arg(file),
                &path_arg(&root),
            ],
            self.timeout,
        )?;
        Ok(())
    }
}

fn path_arg(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn parse_info(out: &str) -> PdfInfo {
    let mut info = PdfInfo::default();
    for line in out.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match key.trim() {
            "Pages" => info.pages = value.parse().unwrap_or(0),
            "Encrypted" => info.encrypted = value.starts_with("yes"),
            "Title" if !value.is_empty() => info.title = Some(value.to_owned()),
            _ => {}
        }
    }
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hanging_tool_is_stopped() {
        let started = Instant::now();
        let err = run_tool("sleep", &["5"], Duration::from_millis(200));
        assert!(
            matches!(err, Err(PdfError::Timeout { tool: "sleep", .. })),
            "{err:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(3));
        assert!(matches!(
            run_tool("pangzhu-no-such-tool", &[], Duration::from_secs(1)),
            Err(PdfError::ToolMissing { .. })
        ));
    }

    #[test]
    fn info_is_parsed() {
        let info =
            parse_info("Title:          一份简短的介绍\nPages:          139\nEncrypted:      no\n");
        assert_eq!(info.pages, 139);
        assert!(!info.encrypted);
        assert_eq!(info.title.as_deref(), Some("一份简短的介绍"));
        assert!(parse_info("Encrypted: yes (print:no)").encrypted);
    }

    #[test]
    fn failures_are_told_apart() {
        assert!(matches!(
            classify_failure("Command Line Error: Incorrect password\n"),
            PdfError::Encrypted
        ));
        let e = classify_failure("Syntax Error: Couldn't find trailer dictionary\n");
        assert!(e.to_string().contains("damaged"), "{e}");
    }
}
