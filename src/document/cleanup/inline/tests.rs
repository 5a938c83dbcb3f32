//! Line cleaning as the reader sees it: spacing, labels, Markdown and doubled runs.

use super::*;
use crate::document::cleanup::lines::scan;
use crate::document::raw::RawText;

fn clean(line: &str, role: Role) -> (String, Vec<DroppedArtifact>) {
    let raw = RawText::new(line);
    let lines = scan(&raw);
    let mut dropped = Vec::new();
    let mut out = vec![MChar {
        ch: 'x',
        raw: 0,
        synthetic: true,
    }];
    process(&lines[0], &role, &mut dropped, &mut out);
    (out.iter().map(|m| m.ch).collect(), dropped)
}

#[test]
fn spaced_segments_keep_what_process_keeps() {
    let lines = [
        "始 终 秉 持 相 互 尊 重 、 睦 邻",
        "受 新 冠 疫 情 影 响， 中 亚 来 华 留 学 生 人 数 在 2020 年 后 略 有 下 降， 但 是",
        "自 2004 年 以 来 ，中",
        "《多彩中亚 丝路新篇 | 鲁班工坊 跨文化交流的民间使者》",
        "商 Megafon 合作",
        "记者 袁",
        "面临诸多机遇 ：双方",
        "稳步回升。 [3] 目前",
        "全面战略伙伴关系 [1]，",
        "见 [12] 和 [1234] 与 [x]",
        "Relations,” Valdai Discussion",
        "“中文 + 职业技能”",
        "结  语",
        "本报记者 袁 勇",
        "王 小  明 李 四",
        "a  b   c 中 文 d",
        "中 a 文 b 字",
    ];
    for line in lines {
        for role in [Role::Body, Role::Heading { rank: 3 }, Role::Title] {
            let raw = RawText::new(line);
            let scanned = scan(&raw);
            let mut dropped = Vec::new();
            let mut out = Vec::new();
            process(&scanned[0], &role, &mut dropped, &mut out);
            let expected: Vec<u32> = out.iter().map(|m| m.raw).collect();
            let mut kept = Vec::new();
            spaced_segments(&scanned[0], &role, &mut kept);
            let base = scanned[0].content_raw();
            let found: Vec<u32> = kept
                .iter()
                .flat_map(|&(a, b)| {
                    line[base + a..base + b]
                        .char_indices()
                        .map(move |(i, _)| (base + a + i) as u32)
                })
                .collect();
            assert_eq!(found, expected, "{line} as {role:?}");
        }
    }
}

#[test]
fn justification_spaces_go_legitimate_spaces_stay() {
    let body = Role::Body;
    assert_eq!(
        clean("始 终 秉 持 相 互 尊 重 、 睦 邻", body.clone()).0,
        "始终秉持相互尊重、睦邻"
    );
    assert_eq!(
        clean(
            "受 新 冠 疫 情 影 响， 中 亚 来 华 留 学 生 人 数 在 2020 年 后 略 有 下 降， 但 是",
            body.clone()
        )
        .0,
        "受新冠疫情影响，中亚来华留学生人数在 2020 年后略有下降，但是"
    );
    assert_eq!(
        clean("自 2004 年 以 来 ，中", body.clone()).0,
        "自 2004 年以来，中"
    );
    assert_eq!(
        clean(
            "《多彩中亚 丝路新篇 | 鲁班工坊 跨文化交流的民间使者》",
            body.clone()
        )
        .0,
        "《多彩中亚 丝路新篇 | 鲁班工坊 跨文化交流的民间使者》"
    );
    assert_eq!(clean("商 Megafon 合作", body.clone()).0, "商 Megafon 合作");
    assert_eq!(clean("记者 袁", body.clone()).0, "记者 袁");
    // One space between two Han characters of prose is a link's padding or a justified gap.
    assert_eq!(
        clean("欢迎到 CTEX 论坛 上提出", body.clone()).0,
        "欢迎到 CTEX 论坛上提出"
    );
    assert_eq!(
        clean("遗址、吉 尔吉斯斯坦的红河古城", body.clone()).0,
        "遗址、吉尔吉斯斯坦的红河古城"
    );
    assert_eq!(
        clean("面临诸多机遇 ：双方", body.clone()).0,
        "面临诸多机遇：双方"
    );
    assert_eq!(
        clean("稳步回升。 [3] 目前", body.clone()).0,
        "稳步回升。[3]目前"
    );
    assert_eq!(
        clean("全面战略伙伴关系 [1]，", body.clone()).0,
        "全面战略伙伴关系[1]，"
    );
    assert_eq!(
        clean("Relations,” Valdai Discussion", body.clone()).0,
        "Relations,” Valdai Discussion"
    );
    assert_eq!(clean("“中文 + 职业技能”", body).0, "“中文 + 职业技能”");
}

#[test]
fn labels_and_bylines() {
    assert_eq!(clean("结  语", Role::Heading { rank: 3 }).0, "结语");
    assert_eq!(clean("本报记者 袁 勇", Role::Byline).0, "本报记者 袁勇");
    let (text, dropped) = clean("□ 邓 浩", Role::Byline);
    assert_eq!(text, "邓浩");
    assert_eq!(dropped[0].kind, ArtifactKind::Decoration);
    assert_eq!(clean("余淼杰 杜明威", Role::Byline).0, "余淼杰 杜明威");
    assert_eq!(
        clean(
            "〔提 要〕中国与中亚",
            Role::Meta {
                label: "提要".into()
            }
        )
        .0,
        "〔提要〕中国与中亚"
    );
}

#[test]
fn markdown_and_doubles_are_recorded() {
    let (text, dropped) = clean("（一）**平等相待。**中亚^[1]见<http://a.cn/x>", Role::Body);
    assert_eq!(text, "（一）平等相待。中亚[1]见http://a.cn/x");
    assert_eq!(dropped.len(), 7);
    let (text, dropped) = clean(
        "电池方阵情况电池方阵情况。。 （（新华社发新华社发））",
        Role::Caption,
    );
    assert_eq!(text, "电池方阵情况。（新华社发）");
    assert!(dropped.iter().all(|d| d.kind == ArtifactKind::DuplicateRun));
    let (text, dropped) = clean(
        "三、能源全产业链合作加速推进.....\t10",
        Role::TocEntry { page: 10 },
    );
    assert_eq!(text, "三、能源全产业链合作加速推进");
    assert_eq!(
        dropped[0].text.trim(),
        ".....\t10".replace('\t', " ").trim()
    );
}
