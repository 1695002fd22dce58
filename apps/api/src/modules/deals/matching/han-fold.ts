/**
 * Traditional Chinese (and Japanese shinjitai) characters folded to their Simplified form, for matching
 * only (C4: a Taiwanese customer's name may be typed in Simplified by a partner elsewhere). The table
 * covers the characters common in company names — industry words, places, legal forms — not the whole
 * script; a character missing here only costs recall on names that differ by it. Both strings are read
 * position by position: TRADITIONAL[i] folds to SIMPLIFIED[i].
 */
const TRADITIONAL =
  '臺灣積體電製業與團國際產發實興貿銀華東車運輸網絡訊資門開關億紡織醫藥機術進據號書' +
  '廣場務總經營農權時間長鋼鐵礦腦學區豐萬達寶聯線們來會貨幣險壽證歐亞鴻橋樂氣為義衛' +
  '藝廠設計導數碼軟雲視頻點綠種飛龍島陽當頭鳳麗順環匯滙漢邊對態傳價優儲應標準規劃創' +
  '勞動勝協單歷參變葉聖園圖壓備夢奧孫寧專將層帶幹廳強彈從復戰戶擴換攝斷於無舊曉條極' +
  '構樹橫檢決測滿潔濟災煙熱爾獎現瑪畫異療盤盧眾礎確禮稅穩競筆節範築簡糧級紀約紅純紙' +
  '細組結給統絲綜維綱緊編練縣績續習聞聲職膠舉莊蘭處裝複見親覺觀訂記許診試詳誌認語說' +
  '調請論諮謝講識護讀貝負財販責貴買費賀賓賣質購贏趙軍軒載輕輝轉這連週遊過遠適選邁還' +
  '鄉鄭釋針銅銷鋒錄錢錦鍵鎮鏈鐘閃閩閣陸陳隊階隨雙雜離難靈韓頂項預領題額顏願類顧顯風' +
  '飯飲館馬驗魚鮮鳥鹽麥黃齊齒榮緯碩矽託兌櫃倉貸僑輛駕駛鎖鑄鍛氫漿飼漁娛戲頁訓養儀評' +
  '審問驅擬煉緣繩燈鋁錫鎳藍鏡鍋襪傢飾庫閱滬狀衝係綫澤後産鉄売楽発総証険伝転広経営検' +
  '関県気図変芸沢辺竜亜薬済労鉱読銭鋳窓圧権桜浜戦拡様帯樓';
const SIMPLIFIED =
  '台湾积体电制业与团国际产发实兴贸银华东车运输网络讯资门开关亿纺织医药机术进据号书' +
  '广场务总经营农权时间长钢铁矿脑学区丰万达宝联线们来会货币险寿证欧亚鸿桥乐气为义卫' +
  '艺厂设计导数码软云视频点绿种飞龙岛阳当头凤丽顺环汇汇汉边对态传价优储应标准规划创' +
  '劳动胜协单历参变叶圣园图压备梦奥孙宁专将层带干厅强弹从复战户扩换摄断于无旧晓条极' +
  '构树横检决测满洁济灾烟热尔奖现玛画异疗盘卢众础确礼税稳竞笔节范筑简粮级纪约红纯纸' +
  '细组结给统丝综维纲紧编练县绩续习闻声职胶举庄兰处装复见亲觉观订记许诊试详志认语说' +
  '调请论咨谢讲识护读贝负财贩责贵买费贺宾卖质购赢赵军轩载轻辉转这连周游过远适选迈还' +
  '乡郑释针铜销锋录钱锦键镇链钟闪闽阁陆陈队阶随双杂离难灵韩顶项预领题额颜愿类顾显风' +
  '饭饮馆马验鱼鲜鸟盐麦黄齐齿荣纬硕硅托兑柜仓贷侨辆驾驶锁铸锻氢浆饲渔娱戏页训养仪评' +
  '审问驱拟炼缘绳灯铝锡镍蓝镜锅袜家饰库阅沪状冲系线泽后产铁卖乐发总证险传转广经营检' +
  '关县气图变艺泽边龙亚药济劳矿读钱铸窗压权樱滨战扩样带楼';

const FOLD = new Map<string, string>();
for (let i = 0; i < TRADITIONAL.length; i++) {
  const from = TRADITIONAL[i];
  const to = SIMPLIFIED[i];
  if (from !== undefined && to !== undefined) FOLD.set(from, to);
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/u;

/** Folds each Han character that has an entry; other characters pass through unchanged. */
export function foldHan(text: string): string {
  if (!HAN.test(text)) return text;
  let out = '';
  for (const ch of text) out += FOLD.get(ch) ?? ch;
  return out;
}

export const HAN_FOLD_SIZE = FOLD.size;
