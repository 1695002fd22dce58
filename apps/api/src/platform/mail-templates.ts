import type { Locale } from '@trellis/contracts';

type Params = Record<string, string>;
type Template = { subject: (p: Params) => string; text: (p: Params) => string };

/** Transactional e-mails in the recipient's language (C21). */
const TEMPLATES: Record<
  | 'invitation'
  | 'password_reset'
  | 'deal_conflict'
  | 'deal_review_reminder'
  | 'deal_review_escalation'
  | 'deal_decided'
  | 'lead_offered'
  | 'lead_offered_batch'
  | 'lead_sla_reminder'
  | 'lead_recalled',
  Record<Locale, Template>
> = {
  invitation: {
    en: {
      subject: (p) => `${p.inviter} invited you to ${p.workspace} on Trellis`,
      text: (p) =>
        `Hello,\n\n${p.inviter} invited you to join ${p.workspace}${p.partner ? ` for ${p.partner}` : ''} on Trellis.\n\nAccept the invitation: ${p.url}\n\nThe link expires on ${p.expires}.\n`,
    },
    vi: {
      subject: (p) => `${p.inviter} đã mời bạn tham gia ${p.workspace} trên Trellis`,
      text: (p) =>
        `Xin chào,\n\n${p.inviter} đã mời bạn tham gia ${p.workspace}${p.partner ? ` với tư cách ${p.partner}` : ''} trên Trellis.\n\nChấp nhận lời mời: ${p.url}\n\nLiên kết hết hạn vào ${p.expires}.\n`,
    },
    'zh-Hant': {
      subject: (p) => `${p.inviter} 邀請您加入 Trellis 上的 ${p.workspace}`,
      text: (p) =>
        `您好：\n\n${p.inviter} 邀請您${p.partner ? `以 ${p.partner} 的身分` : ''}加入 Trellis 上的 ${p.workspace}。\n\n接受邀請：${p.url}\n\n連結將於 ${p.expires} 失效。\n`,
    },
    lv: {
      subject: (p) => `${p.inviter} uzaicināja jūs pievienoties ${p.workspace} platformā Trellis`,
      text: (p) =>
        `Labdien!\n\n${p.inviter} uzaicināja jūs pievienoties ${p.workspace}${p.partner ? ` kā ${p.partner} pārstāvi` : ''} platformā Trellis.\n\nPieņemt uzaicinājumu: ${p.url}\n\nSaite derīga līdz ${p.expires}.\n`,
    },
  },
  password_reset: {
    en: {
      subject: () => 'Reset your Trellis password',
      text: (p) =>
        `Hello,\n\nSomeone asked to reset the password of your Trellis account. If it was you, choose a new one here: ${p.url}\n\nThe link works for one hour. If you did not ask, ignore this message.\n`,
    },
    vi: {
      subject: () => 'Đặt lại mật khẩu Trellis của bạn',
      text: (p) =>
        `Xin chào,\n\nCó yêu cầu đặt lại mật khẩu cho tài khoản Trellis của bạn. Nếu đó là bạn, hãy chọn mật khẩu mới tại: ${p.url}\n\nLiên kết có hiệu lực trong một giờ. Nếu bạn không yêu cầu, hãy bỏ qua thư này.\n`,
    },
    'zh-Hant': {
      subject: () => '重設您的 Trellis 密碼',
      text: (p) =>
        `您好：\n\n有人要求重設您 Trellis 帳號的密碼。若是您本人，請在此設定新密碼：${p.url}\n\n連結一小時內有效。若非您本人要求，請忽略此郵件。\n`,
    },
    lv: {
      subject: () => 'Trellis paroles atiestatīšana',
      text: (p) =>
        `Labdien!\n\nKāds pieprasīja atiestatīt jūsu Trellis konta paroli. Ja tas bijāt jūs, izvēlieties jaunu paroli šeit: ${p.url}\n\nSaite derīga vienu stundu. Ja to nepieprasījāt, ignorējiet šo vēstuli.\n`,
    },
  },
  // C4: channel conflict — both owners are told; the text names the customer, never amounts.
  deal_conflict: {
    en: {
      subject: (p) => `Channel conflict: ${p.customer}`,
      text: (p) =>
        `Hello ${p.name},\n\n${p.partner} registered a deal for ${p.customer} in ${p.workspace}, and the customer is already held by ${p.other}.\n\nOpen the registration in Trellis to review both records side by side.\n`,
    },
    vi: {
      subject: (p) => `Xung đột kênh: ${p.customer}`,
      text: (p) =>
        `Xin chào ${p.name},\n\n${p.partner} đã đăng ký một cơ hội bán hàng cho ${p.customer} trong ${p.workspace}, nhưng khách hàng này đã thuộc về ${p.other}.\n\nHãy mở bản đăng ký trong Trellis để so sánh hai hồ sơ cạnh nhau.\n`,
    },
    'zh-Hant': {
      subject: (p) => `通路衝突：${p.customer}`,
      text: (p) =>
        `${p.name} 您好：\n\n${p.partner} 在 ${p.workspace} 為 ${p.customer} 登錄了一筆商機，但此客戶已由 ${p.other} 持有。\n\n請在 Trellis 中開啟該登錄，並排比對兩筆紀錄。\n`,
    },
    lv: {
      subject: (p) => `Kanālu konflikts: ${p.customer}`,
      text: (p) =>
        `Labdien, ${p.name}!\n\n${p.partner} reģistrēja darījumu ar ${p.customer} darbvietā ${p.workspace}, taču šis klients jau pieder: ${p.other}.\n\nAtveriet reģistrāciju platformā Trellis, lai salīdzinātu abus ierakstus blakus.\n`,
    },
  },
  deal_review_reminder: {
    en: {
      subject: (p) => `Reminder: ${p.customer} has waited ${p.hours} hours for review`,
      text: (p) =>
        `Hello ${p.name},\n\nThe deal registration of ${p.partner} for ${p.customer} has been waiting for your review for ${p.hours} hours. Please approve it, reject it or ask for more information.\n`,
    },
    vi: {
      subject: (p) => `Nhắc nhở: ${p.customer} đã chờ duyệt ${p.hours} giờ`,
      text: (p) =>
        `Xin chào ${p.name},\n\nĐăng ký cơ hội của ${p.partner} cho ${p.customer} đã chờ bạn duyệt ${p.hours} giờ. Vui lòng phê duyệt, từ chối hoặc yêu cầu thêm thông tin.\n`,
    },
    'zh-Hant': {
      subject: (p) => `提醒：${p.customer} 已等待審核 ${p.hours} 小時`,
      text: (p) =>
        `${p.name} 您好：\n\n${p.partner} 為 ${p.customer} 提交的商機登錄已等待您審核 ${p.hours} 小時。請核准、駁回或要求補充資料。\n`,
    },
    lv: {
      subject: (p) => `Atgādinājums: ${p.customer} gaida izskatīšanu ${p.hours} stundas`,
      text: (p) =>
        `Labdien, ${p.name}!\n\n${p.partner} darījuma reģistrācija klientam ${p.customer} gaida jūsu izskatīšanu jau ${p.hours} stundas. Lūdzu, apstipriniet, noraidiet vai pieprasiet papildu informāciju.\n`,
    },
  },
  deal_review_escalation: {
    en: {
      subject: (p) => `Escalation: ${p.customer} unreviewed for ${p.hours} hours`,
      text: (p) =>
        `Hello ${p.name},\n\nThe deal registration of ${p.partner} for ${p.customer} in ${p.workspace} has had no decision for ${p.hours} hours. As an administrator, please make sure it is reviewed.\n`,
    },
    vi: {
      subject: (p) => `Chuyển cấp: ${p.customer} chưa được duyệt sau ${p.hours} giờ`,
      text: (p) =>
        `Xin chào ${p.name},\n\nĐăng ký cơ hội của ${p.partner} cho ${p.customer} trong ${p.workspace} chưa có quyết định sau ${p.hours} giờ. Với vai trò quản trị viên, vui lòng đảm bảo đăng ký này được xem xét.\n`,
    },
    'zh-Hant': {
      subject: (p) => `升級通知：${p.customer} 已 ${p.hours} 小時未審核`,
      text: (p) =>
        `${p.name} 您好：\n\n${p.partner} 在 ${p.workspace} 為 ${p.customer} 提交的商機登錄已 ${p.hours} 小時沒有決定。身為管理員，請確保此登錄獲得審核。\n`,
    },
    lv: {
      subject: (p) => `Eskalācija: ${p.customer} nav izskatīts ${p.hours} stundas`,
      text: (p) =>
        `Labdien, ${p.name}!\n\n${p.partner} darījuma reģistrācijai klientam ${p.customer} darbvietā ${p.workspace} jau ${p.hours} stundas nav lēmuma. Kā administratoru lūdzam parūpēties, lai tā tiktu izskatīta.\n`,
    },
  },
  deal_decided: {
    en: {
      subject: (p) => `Your registration for ${p.customer}: ${p.status}`,
      text: (p) =>
        `Hello ${p.name},\n\nYour deal registration for ${p.customer} is now: ${p.status}.\n\nReason: ${p.reason}\n`,
    },
    vi: {
      subject: (p) => `Đăng ký của bạn cho ${p.customer}: ${p.status}`,
      text: (p) =>
        `Xin chào ${p.name},\n\nĐăng ký cơ hội của bạn cho ${p.customer} hiện có trạng thái: ${p.status}.\n\nLý do: ${p.reason}\n`,
    },
    'zh-Hant': {
      subject: (p) => `您對 ${p.customer} 的登錄：${p.status}`,
      text: (p) =>
        `${p.name} 您好：\n\n您為 ${p.customer} 提交的商機登錄目前狀態為：${p.status}。\n\n原因：${p.reason}\n`,
    },
    lv: {
      subject: (p) => `Jūsu reģistrācija klientam ${p.customer}: ${p.status}`,
      text: (p) =>
        `Labdien, ${p.name}!\n\nJūsu darījuma reģistrācijas statuss klientam ${p.customer} tagad ir: ${p.status}.\n\nIemesls: ${p.reason}\n`,
    },
  },
  // C5: lead alerts name the company and the deadline, never the contact (the partner logs in to see it).
  lead_offered: {
    en: {
      subject: (p) => `New lead for you: ${p.company}`,
      text: (p) =>
        `Hello ${p.name},\n\n${p.workspace} has passed you a new lead: ${p.company}${p.country ? ` (${p.country})` : ''}.\n\nAccept it by ${p.acceptBy}, or decline it with a reason, in your lead inbox on Trellis. If it is not accepted by then it goes to another partner.\n`,
    },
    vi: {
      subject: (p) => `Khách hàng tiềm năng mới cho bạn: ${p.company}`,
      text: (p) =>
        `Xin chào ${p.name},\n\n${p.workspace} đã chuyển cho bạn một khách hàng tiềm năng mới: ${p.company}${p.country ? ` (${p.country})` : ''}.\n\nHãy chấp nhận trước ${p.acceptBy}, hoặc từ chối kèm lý do, trong hộp khách hàng tiềm năng trên Trellis. Nếu không được chấp nhận trước thời hạn, khách hàng này sẽ được chuyển cho đối tác khác.\n`,
    },
    'zh-Hant': {
      subject: (p) => `您有新的潛在客戶：${p.company}`,
      text: (p) =>
        `${p.name} 您好：\n\n${p.workspace} 將一筆新的潛在客戶轉交給您：${p.company}${p.country ? `（${p.country}）` : ''}。\n\n請於 ${p.acceptBy} 前在 Trellis 的潛在客戶收件匣中接受，或附上原因婉拒。逾時未接受，此潛在客戶將轉交給其他合作夥伴。\n`,
    },
    lv: {
      subject: (p) => `Jums jauns potenciālais klients: ${p.company}`,
      text: (p) =>
        `Labdien, ${p.name}!\n\n${p.workspace} jums nodeva jaunu potenciālo klientu: ${p.company}${p.country ? ` (${p.country})` : ''}.\n\nPieņemiet to līdz ${p.acceptBy} vai noraidiet, norādot iemeslu, savā potenciālo klientu iesūtnē platformā Trellis. Ja līdz tam tas netiks pieņemts, to saņems cits partneris.\n`,
    },
  },
  lead_offered_batch: {
    en: {
      subject: (p) => `${p.count} new leads for you`,
      text: (p) =>
        `Hello ${p.name},\n\n${p.workspace} has passed you ${p.count} new leads. Accept or decline each of them by ${p.acceptBy} in your lead inbox on Trellis; leads not accepted by then go to other partners.\n`,
    },
    vi: {
      subject: (p) => `${p.count} khách hàng tiềm năng mới cho bạn`,
      text: (p) =>
        `Xin chào ${p.name},\n\n${p.workspace} đã chuyển cho bạn ${p.count} khách hàng tiềm năng mới. Hãy chấp nhận hoặc từ chối từng khách hàng trước ${p.acceptBy} trong hộp khách hàng tiềm năng trên Trellis; những khách hàng chưa được chấp nhận sẽ được chuyển cho đối tác khác.\n`,
    },
    'zh-Hant': {
      subject: (p) => `您有 ${p.count} 筆新的潛在客戶`,
      text: (p) =>
        `${p.name} 您好：\n\n${p.workspace} 將 ${p.count} 筆新的潛在客戶轉交給您。請於 ${p.acceptBy} 前在 Trellis 的潛在客戶收件匣中逐筆接受或婉拒；逾時未接受者將轉交給其他合作夥伴。\n`,
    },
    lv: {
      subject: (p) => `Jums ${p.count} jauni potenciālie klienti`,
      text: (p) =>
        `Labdien, ${p.name}!\n\n${p.workspace} jums nodeva ${p.count} jaunus potenciālos klientus. Pieņemiet vai noraidiet katru no tiem līdz ${p.acceptBy} savā potenciālo klientu iesūtnē platformā Trellis; tos, kas netiks pieņemti, saņems citi partneri.\n`,
    },
  },
  lead_sla_reminder: {
    en: {
      subject: (p) => `Reminder: accept ${p.company} by ${p.acceptBy}`,
      text: (p) =>
        `Hello ${p.name},\n\nThe lead ${p.company} is still waiting for your answer. Accept or decline it by ${p.acceptBy} in your lead inbox on Trellis; after that it goes to another partner.\n`,
    },
    vi: {
      subject: (p) => `Nhắc nhở: hãy chấp nhận ${p.company} trước ${p.acceptBy}`,
      text: (p) =>
        `Xin chào ${p.name},\n\nKhách hàng tiềm năng ${p.company} vẫn đang chờ phản hồi của bạn. Hãy chấp nhận hoặc từ chối trước ${p.acceptBy} trong hộp khách hàng tiềm năng trên Trellis; sau thời hạn đó, khách hàng sẽ được chuyển cho đối tác khác.\n`,
    },
    'zh-Hant': {
      subject: (p) => `提醒：請於 ${p.acceptBy} 前接受 ${p.company}`,
      text: (p) =>
        `${p.name} 您好：\n\n潛在客戶 ${p.company} 仍在等待您的回覆。請於 ${p.acceptBy} 前在 Trellis 的潛在客戶收件匣中接受或婉拒；逾時將轉交給其他合作夥伴。\n`,
    },
    lv: {
      subject: (p) => `Atgādinājums: pieņemiet ${p.company} līdz ${p.acceptBy}`,
      text: (p) =>
        `Labdien, ${p.name}!\n\nPotenciālais klients ${p.company} joprojām gaida jūsu atbildi. Pieņemiet vai noraidiet to līdz ${p.acceptBy} savā potenciālo klientu iesūtnē platformā Trellis; pēc tam to saņems cits partneris.\n`,
    },
  },
  lead_recalled: {
    en: {
      subject: (p) => `Lead taken back: ${p.company}`,
      text: (p) =>
        `Hello ${p.name},\n\nThe lead ${p.company} has been taken back from ${p.partner}: ${p.reason}. It is no longer in your lead inbox.\n`,
    },
    vi: {
      subject: (p) => `Khách hàng tiềm năng đã bị thu hồi: ${p.company}`,
      text: (p) =>
        `Xin chào ${p.name},\n\nKhách hàng tiềm năng ${p.company} đã được thu hồi từ ${p.partner}: ${p.reason}. Khách hàng này không còn trong hộp khách hàng tiềm năng của bạn.\n`,
    },
    'zh-Hant': {
      subject: (p) => `潛在客戶已收回：${p.company}`,
      text: (p) =>
        `${p.name} 您好：\n\n潛在客戶 ${p.company} 已自 ${p.partner} 收回：${p.reason}。此潛在客戶已不在您的收件匣中。\n`,
    },
    lv: {
      subject: (p) => `Potenciālais klients atsaukts: ${p.company}`,
      text: (p) =>
        `Labdien, ${p.name}!\n\nPotenciālais klients ${p.company} ir atsaukts no ${p.partner}: ${p.reason}. Tas vairs nav jūsu potenciālo klientu iesūtnē.\n`,
    },
  },
};

export type TemplateName = keyof typeof TEMPLATES;

export function renderMail(name: TemplateName, locale: Locale, params: Params) {
  const t = TEMPLATES[name][locale] ?? TEMPLATES[name].en;
  return { subject: t.subject(params), text: t.text(params) };
}
