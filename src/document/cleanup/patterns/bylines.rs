//! Bylines: reporters' and authors' credits, organisations and lists of personal names.

use std::sync::LazyLock;

use regex::Regex;

use super::headings::{heading_rank, is_named_section};
use super::re;
use crate::document::chars::is_han;

/// A byline: `(strong, text)` — strong patterns stand on their own, weak ones (an organisation
/// or a bare name) only directly under a title.
pub fn byline_strength(content: &str) -> Option<bool> {
    if content.len() > 120 {
        return None;
    }
    static STRONG: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?:[□■◎]\s*\S|本报(?:驻\S{1,10})?(?:特约)?记者|(?:新华社|中新社|人民网|新华网)\S{0,8}记者|(?:记者|作者|撰文|撰稿|编译|文)\s*[:：/／]|（作者系)",
        )
    });
    if may_be_strong_byline(content) && STRONG.is_match(content) {
        return Some(true);
    }
    static ORG: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?:研究院|研究所|研究中心|研究会|课题组|编辑部|编写组|大学|学院|智库|委员会)$")
    });
    // Likewise every organisation name ends with one of these.
    if content.ends_with(['院', '所', '心', '会', '组', '部', '学', '库'])
        && content.chars().count() <= 24
        && ORG.is_match(content)
        && !content.chars().any(|c| "，。；：".contains(c))
    {
        return Some(false);
    }
    // The cheap name test first; both are pure.
    (is_name_list(content) && patterns_free(content)).then_some(false)
}

/// Whether the first two characters allow one of the strong byline forms (□…, 本报, 新华社,
/// 中新社, 人民网, 新华网, 记者, 作者, 撰文, 撰稿, 编译, 文:, （作者系), so the regex only runs
/// on those lines.
fn may_be_strong_byline(content: &str) -> bool {
    let mut chars = content.chars();
    let (Some(a), b) = (chars.next(), chars.next()) else {
        return false;
    };
    match a {
        '□' | '■' | '◎' => true,
        '本' => b == Some('报'),
        '新' => b == Some('华'),
        '中' => b == Some('新'),
        '人' => b == Some('民'),
        '记' | '作' => b == Some('者'),
        '撰' => matches!(b, Some('文' | '稿')),
        '编' => b == Some('译'),
        '文' => b.is_some_and(|c| c.is_whitespace() || matches!(c, ':' | '：' | '/' | '／')),
        '（' => b == Some('作'),
        _ => false,
    }
}

/// Not a heading label (第一章) or anything else a name line cannot be.
fn patterns_free(content: &str) -> bool {
    heading_rank(content).is_none() && !is_named_section(content)
}

/// Common Chinese surnames: a name line starts each name with one of them.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由";

/// Whether `c` is in [`SURNAMES`]: one bit per character of the BMP (8 KiB), looked up
/// without a search; every surname is a BMP character.
fn is_surname(c: char) -> bool {
    static BITS: LazyLock<Vec<u64>> = LazyLock::new(|| {
        let mut bits = vec![0u64; 0x10000 / 64];
        for s in SURNAMES.chars() {
            let s = s as usize;
            bits[s / 64] |= 1 << (s % 64);
        }
        bits
    });
    let c = c as usize;
    BITS.get(c / 64)
        .is_some_and(|word| word >> (c % 64) & 1 == 1)
}

/// One to three personal names (2–4 Han characters each, possibly letter-spaced), each
/// starting with a common surname.
pub fn is_name_list(content: &str) -> bool {
    // Three names of four characters with spaces between them fit in 48 bytes.
    if content.len() > 48 || !content.starts_with(is_surname) {
        return false;
    }
    // The names of `merge_single_char_tokens`, described without building them.
    #[derive(Clone, Copy)]
    struct Name {
        first: char,
        chars: usize,
        han: bool,
    }
    let mut names = [Name {
        first: ' ',
        chars: 0,
        han: true,
    }; 3];
    let mut count = 0;
    let mut add = |name: Name| {
        // A fourth name fails the test whatever else holds.
        let room = count < names.len();
        if room {
            names[count] = name;
            count += 1;
        }
        room
    };
    let mut run: Option<Name> = None;
    for token in content.split_whitespace() {
        let mut chars = token.chars();
        let Some(first) = chars.next() else { continue };
        if chars.next().is_none() {
            run = Some(match run {
                Some(r) => Name {
                    chars: r.chars + 1,
                    han: r.han && is_han(first),
                    ..r
                },
                None => Name {
                    first,
                    chars: 1,
                    han: is_han(first),
                },
            });
            continue;
        }
        if let Some(r) = run.take()
            && !add(r)
        {
            return false;
        }
        let name = Name {
            first,
            chars: token.chars().count(),
            han: token.chars().all(is_han),
        };
        if !add(name) {
            return false;
        }
    }
    if let Some(r) = run
        && !add(r)
    {
        return false;
    }
    let names = &names[..count];
    // A lone unspaced token of four characters is more often a phrase (对策建议) than a name.
    let max = if names.len() == 1 && !content.contains(' ') {
        3
    } else {
        4
    };
    !names.is_empty()
        && names
            .iter()
            .all(|n| is_surname(n.first) && (2..=max).contains(&n.chars) && n.han)
}

/// Split on whitespace and merge runs of one-character tokens (`袁 勇` → `袁勇`).
pub fn merge_single_char_tokens(content: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut run = String::new();
    for token in content.split_whitespace() {
        if token.chars().count() == 1 {
            run.push_str(token);
        } else {
            if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
            out.push(token.to_owned());
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::cleanup::patterns::{is_caption, is_letter_spaced, squeeze};

    #[test]
    fn strong_bylines_pass_the_first_characters_test() {
        for line in [
            "□ 邓浩",
            "■王",
            "◎x",
            "本报记者 袁勇",
            "本报驻莫斯科记者",
            "新华社记者",
            "新华网北京记者",
            "中新社记者",
            "人民网记者",
            "记者：李",
            "作者/王",
            "撰文 ：张",
            "撰稿／李",
            "编译:王",
            "文：王",
            "文 / 王",
            "（作者系研究员",
        ] {
            assert_eq!(byline_strength(line), Some(true), "{line}");
            assert!(may_be_strong_byline(line), "{line}");
        }
        for line in ["中国与中亚", "文化交流", "人们", "本文"] {
            assert!(!may_be_strong_byline(line), "{line}");
        }
    }

    #[test]
    fn surnames_are_looked_up_exactly() {
        assert!(SURNAMES.chars().all(|c| (c as u32) < 0x10000));
        for c in "王李张袁邓中国甲乙的了a1𠀀".chars() {
            assert_eq!(is_surname(c), SURNAMES.contains(c), "{c}");
        }
    }

    #[test]
    fn bylines_and_captions() {
        assert_eq!(byline_strength("□ 邓 浩"), Some(true));
        assert_eq!(byline_strength("本报记者 袁 勇"), Some(true));
        assert_eq!(byline_strength("本报驻莫斯科记者"), Some(true));
        assert_eq!(byline_strength("新华社研究院"), Some(false));
        assert_eq!(byline_strength("余淼杰 杜明威"), Some(false));
        assert_eq!(byline_strength("万 喆"), Some(false));
        assert_eq!(byline_strength("新型国际关系典范"), None);
        for line in [
            "王 小 明",
            "王小明 李 四 张三丰",
            "王小明 李四 张三 赵五",
            "对策建议",
            "王 a",
            "李明明明明",
            "王",
            "王 小 明 李 四",
        ] {
            let names = merge_single_char_tokens(line);
            let max = if names.len() == 1 && !line.contains(' ') {
                3
            } else {
                4
            };
            let expected = names
                .iter()
                .all(|n| n.chars().next().is_some_and(is_surname))
                && !names.is_empty()
                && names.len() <= 3
                && names
                    .iter()
                    .all(|n| (2..=max).contains(&n.chars().count()) && n.chars().all(is_han));
            assert_eq!(is_name_list(line), expected, "{line}");
        }
        assert!(is_caption("汽车行驶在大桥上。 （新华社发）"));
        assert!(is_letter_spaced("始 终 秉 持 相 互 尊 重"));
        for text in [
            "",
            "中文",
            " 中 文\t",
            "\u{3000}提\u{a0}要\u{2003}",
            "a\u{85}b\u{205f}",
        ] {
            let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(squeeze(text), expected, "{text:?}");
        }
        assert!(!is_letter_spaced("多彩中亚 丝路新篇 | 鲁班工坊"));
    }
}
