import type { Locale } from '@trellis/contracts';

type Params = Record<string, string>;
type Template = { subject: (p: Params) => string; text: (p: Params) => string };

/** Transactional e-mails in the recipient's language (C21). */
const TEMPLATES: Record<'invitation' | 'password_reset', Record<Locale, Template>> = {
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
};

export type TemplateName = keyof typeof TEMPLATES;

export function renderMail(name: TemplateName, locale: Locale, params: Params) {
  const t = TEMPLATES[name][locale] ?? TEMPLATES[name].en;
  return { subject: t.subject(params), text: t.text(params) };
}
