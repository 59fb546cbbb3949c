/**
 * Chinese, the platform's working language and the source of the message shape: `en.ts` must have exactly these
 * keys (the compiler checks the shape, `messages.test.ts` checks keys and placeholders).
 */
export const zhCN = {
  app: {
    name: '人工智能产业发展领导小组工作平台',
    city: '新一代人工智能产业发展',
  },
  common: {
    skipToContent: '跳到主要内容',
    loading: '正在加载…',
    requestId: '请求编号：{{id}}',
  },
  language: {
    switchTo: 'English',
  },
  duration: {
    minutes: '{{minutes}} 分钟',
    minutesSeconds: '{{minutes}} 分 {{seconds}} 秒',
    seconds: '{{seconds}} 秒',
  },
  session: {
    restoring: '正在恢复登录状态…',
    restoreFailedTitle: '暂时无法连接平台服务',
    restoreFailedBody: '登录状态无法确认，可能是网络中断或服务正在重启。请稍后重试。',
    retry: '重试',
    goToSignIn: '前往登录',
    expired: '登录已过期，请重新登录。',
    signedOut: '您已安全退出。',
    signOutIncomplete: '已在本机退出，但未能通知平台服务。为安全起见，请关闭浏览器。',
  },
  signIn: {
    title: '登录',
    intro: '请使用单位分配的账号登录。',
    username: '用户名',
    password: '密码',
    submit: '登录',
    submitting: '正在登录…',
    required: {
      username: '请输入用户名。',
      password: '请输入密码。',
    },
    errors: {
      invalidCredentials: '用户名或密码不正确。',
      locked: '登录失败次数过多，已暂时锁定。请在 {{duration}}后重试。',
      lockedUnknown: '登录失败次数过多，已暂时锁定。请稍后重试。',
      lockedRemaining: '剩余等待时间：{{duration}}',
      validation: '请检查填写的内容。',
      network: '无法连接平台服务，请检查网络后重试。',
      unavailable: '平台服务暂时不可用（{{status}}），请稍后重试。',
      unexpected: '登录未成功（{{status}}）。',
    },
  },
  shell: {
    primaryNav: '主导航',
    menu: '菜单',
    userInfo: '当前用户',
    unit: '所属单位',
    roles: '角色',
    signOut: '退出登录',
  },
  roles: {
    office: { short: '办公室', name: '领导小组办公室' },
    bureau: { short: '责任单位', name: '责任单位' },
    expert: { short: '专家', name: '专家咨询委员会专家' },
    secretariat: { short: '会商秘书处', name: '会商秘书处' },
    talent: { short: '人才工作', name: '人才工作' },
    funding_officer: { short: '资金管理', name: '政策资金管理' },
    admin: { short: '系统管理', name: '系统管理' },
  },
  nav: {
    dashboard: '首页',
    tasks: '重点任务',
    supervision: '督办',
    committee: '专家咨询委员会',
    consultations: '会商',
    talent: '人才引进',
    funding: '政策资金',
    reports: '统计报表',
    audit: '审计日志',
    users: '用户管理',
  },
  features: {
    notYetAvailable: '尚未上线',
    tasks: {
      availability: '此功能随重点任务服务上线。',
      summary: '届时可在此查看年度工作要点中的重点任务、牵头单位和配合单位，报送进展和佐证材料。',
    },
    supervision: {
      availability: '此功能随重点任务服务上线（督办是重点任务服务的一部分）。',
      summary: '届时领导小组办公室可在此对逾期或有风险的任务发出督办通知，责任单位可在此说明原因并反馈。',
    },
    committee: {
      availability: '此功能随专家咨询委员会服务上线。',
      summary: '届时专家可在此登记咨询意见，承接评估论证请求，申报利益冲突，评分并形成结论。',
    },
    consultations: {
      availability: '此功能随会商服务上线。',
      summary:
        '届时秘书处可在此组织会商：议程、参会的企业、高校、科研院所和人才代表、会议纪要，以及转为后续任务的决议。',
    },
    talent: {
      availability: '此功能随人才服务上线。',
      summary: '届时可在此跟踪顶尖科学家、科技领军人才和创新团队，从首次接洽到签约、落地，以及配套支持。',
    },
    funding: {
      availability: '此功能随政策资金服务上线。',
      summary: '届时可在此管理资金项目及年度预算，审核和批准资金安排，按任务节点分批拨付，并在任务滞后时暂停拨付。',
    },
    reports: {
      availability: '此功能随统计与报表服务上线。',
      summary: '届时可在此查看目标与实际的对比、分类统计台账和定期产业发展报告。',
    },
    audit: {
      availability: '此功能随网关的审计日志接口上线。',
      summary: '届时可在此查询谁在何时做了哪些操作，并沿请求编号追溯其引发的后续处理。',
    },
    users: {
      availability: '此功能随网关的用户管理接口上线。',
      summary: '届时系统管理员可在此管理账号、所属单位和角色。',
    },
  },
  home: {
    greeting: '{{name}}，您好',
    intro: '以下是您在平台上的主要工作。',
    dutiesHeading: '主要工作',
    roles: {
      office: {
        welcome: '领导小组办公室统筹全市人工智能产业发展工作的组织实施。',
        duties: {
          plan: '发布年度工作要点，将每项重点任务落实到牵头单位和配合单位',
          progress: '跟踪各项任务进展，及时发现逾期和有风险的工作',
          supervise: '对逾期或有风险的任务发出督办通知',
          report: '向领导小组汇报目标完成情况和统计数据',
        },
      },
      bureau: {
        welcome: '作为责任单位，您负责本单位承担的重点任务。',
        duties: {
          ownTasks: '查看本单位承担的重点任务',
          progress: '报送任务进展并附佐证材料',
          delays: '对滞后任务说明原因，回应督办',
        },
      },
      expert: {
        welcome: '感谢您为全市新一代人工智能发展提供智力支持。',
        duties: {
          advice: '登记咨询意见',
          reviews: '承接重点任务和资金申请的评估论证请求',
          conflicts: '申报利益冲突，需要时回避',
          conclude: '评分并形成评审结论',
        },
      },
      secretariat: {
        welcome: '会商秘书处组织与重点企业、高校、科研机构和领军人才的定期会商。',
        duties: {
          agenda: '确定会商议程和参会的企业、高校、科研院所及人才代表',
          minutes: '记录会议纪要',
          resolutions: '把会商决议转为后续跟踪任务',
        },
      },
      talent: {
        welcome: '人才工作围绕人工智能重点领域引进高端人才和创新团队。',
        duties: {
          track: '跟踪顶尖科学家、科技领军人才和创新团队',
          pipeline: '记录从首次接洽到签约、落地的每一步',
          support: '落实配套支持政策',
        },
      },
      funding_officer: {
        welcome: '政策资金管理负责资金项目的预算、审批和拨付。',
        duties: {
          programmes: '管理资金项目（三重一创、高质量发展、软件和集成电路等）及年度预算',
          approve: '审核、评审并批准资金安排',
          tranches: '按任务节点分批拨付',
          hold: '任务滞后时暂停拨付，恢复或验收后解除',
        },
      },
      admin: {
        welcome: '系统管理负责平台账号和访问安全。',
        duties: {
          users: '管理用户账号、所属单位和角色',
          audit: '查看审计日志',
        },
      },
    },
    targets: {
      heading: '发展目标',
      caption: '新一代人工智能产业发展目标（2020 年、2025 年）',
      indicator: '指标',
      year2020: '2020 年',
      year2025: '2025 年',
      coreIndustry: '人工智能核心产业规模',
      coreIndustry2020: '超过 100 亿元',
      coreIndustry2025: '超过 300 亿元',
      drivenIndustry: '带动产业规模',
      drivenIndustry2020: '达到 700 亿元',
      drivenIndustry2025: '达到 3000 亿元',
      scenarios: '深度应用场景',
      scenarios2020: '10 个以上',
      scenarios2025: '60 个以上',
      projects: '应用示范项目',
      projects2020: '20 个以上',
      projects2025: '100 个以上',
      source: '来源：《合肥市人民政府关于加快推进新一代人工智能产业发展的实施意见》。',
      note: '目标与实际完成情况的对比随统计与报表服务上线。',
    },
  },
  pages: {
    notFoundTitle: '页面不存在',
    notFoundBody: '您访问的页面不存在或已移动。',
    forbiddenTitle: '没有访问权限',
    forbiddenBody: '您的账号没有查看此页面的权限。如需开通，请联系系统管理员。',
    backHome: '返回首页',
  },
};

/** The shape every language must have: the same keys, each a string. */
export type Messages = typeof zhCN;
