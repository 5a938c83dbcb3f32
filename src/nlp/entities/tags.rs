//! Which tagged words are names: people by the shape of a Chinese name, places and
//! organisations by their endings, our dictionaries' tags trusted as they are.

use super::EntityKind;
use crate::nlp::Segmenter;

/// Common surnames: a word tagged as a Chinese person's name is taken only when it starts with
/// one (jieba's tags on other words are mostly noise).
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝冼";
/// Two-character surnames (欧阳修 is a three-character name with a one-character given name).
const COMPOUND_SURNAMES: [&str; 16] = [
    "欧阳", "司马", "诸葛", "上官", "司徒", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
    "令狐", "夏侯", "端木", "独孤",
];

/// Endings that make a word credible as a place or organisation name when jieba's HMM found it.
const PLACE_ENDINGS: [char; 10] = ['省', '市', '县', '州', '区', '镇', '村', '湖', '河', '岛'];
/// Endings of organisation names (jieba's dictionary tags many plain phrases `nt`).
const ORG_ENDINGS: &str = "部社院局署会委党行校馆所台网司团厂盟织金处办府军队国";

/// How far a tagged word can be trusted to be a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Credence {
    Sure,
    /// A person only if the document somewhere uses it as people's names are used.
    InNameContext,
}

/// The kind of name a tagged word is. Our dictionaries' tags are trusted; jieba's are checked,
/// since its dictionary tags many common words `nr`/`nt` (智慧 nr, 重大进展 nt) and its HMM
/// guesses tags for words no dictionary has.
///
/// People: a Chinese name is a surname and a one- or two-character given name. Only a
/// three-character name (surname + two characters) that jieba's dictionary does not know
/// is taken on its tag alone: that shape is rarely anything else. A word the dictionary
/// knows is a common word as often as a name (高潮, 施政, 康复, 蓝图 and 莫斯科 all carry `nr`
/// there, next to 孔子 and 冼星海), and a surname plus one character is often a plain word
/// (施策, 齐升); those, and transliterated names (`nrt`, also given to cities such as 布哈拉),
/// count only where the text uses them as names (see [`PeopleInContext`]).
pub(super) fn name_kind(
    segmenter: &Segmenter,
    word: &str,
    tag: &str,
) -> Option<(EntityKind, Credence)> {
    if segmenter.dictionary_tag(word).is_some() {
        return EntityKind::from_tag(tag).map(|k| (k, Credence::Sure));
    }
    let kind = EntityKind::from_tag(tag).filter(|_| is_name(word))?;
    let known = segmenter.jieba().has_word(word);
    let chars = word.chars().count();
    let sure = |credible: bool| credible.then_some((kind, Credence::Sure));
    match kind {
        EntityKind::Person if tag == "nrt" => {
            (known && chars >= 3).then_some((kind, Credence::InNameContext))
        }
        EntityKind::Person => {
            let given = given_name_chars(word)?;
            let credence = if given == 2 && !known {
                Credence::Sure
            } else {
                Credence::InNameContext
            };
            Some((kind, credence))
        }
        EntityKind::Place => sure(
            known
                || word
                    .chars()
                    .last()
                    .is_some_and(|c| PLACE_ENDINGS.contains(&c)),
        ),
        EntityKind::Org => sure(word.chars().last().is_some_and(|c| ORG_ENDINGS.contains(c))),
        EntityKind::Title | EntityKind::Programme => None,
    }
}

/// The length of the given name if `word` is shaped like a Chinese name: a common surname
/// (one or two characters) and a given name of one or two characters.
fn given_name_chars(word: &str) -> Option<usize> {
    let chars = word.chars().count();
    let surname = if COMPOUND_SURNAMES.iter().any(|s| word.starts_with(s)) {
        2
    } else if word.chars().next().is_some_and(|c| SURNAMES.contains(c)) {
        1
    } else {
        return None;
    };
    let given = chars.checked_sub(surname)?;
    (1..=2).contains(&given).then_some(given)
}

/// A name is Han text (a tag on a stray Latin or digit run is noise).
fn is_name(word: &str) -> bool {
    word.chars().count() >= 2
        && word
            .chars()
            .all(|c| (!c.is_ascii() && c.is_alphabetic()) || c == '·')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_shapes() {
        assert_eq!(given_name_chars("王德禄"), Some(2));
        assert_eq!(given_name_chars("欧阳修"), Some(1));
        assert_eq!(given_name_chars("高潮"), Some(1));
        assert_eq!(given_name_chars("蓝图计划书"), None);
        assert_eq!(given_name_chars("哈萨克"), None);
    }
}
