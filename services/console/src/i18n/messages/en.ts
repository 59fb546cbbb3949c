import type { Messages } from './zh-CN';

/** English. Typed as `Messages`, so a key missing here or added only here fails to compile. */
export const en: Messages = {
  app: {
    name: 'AI Industry Leading Group Platform',
    city: 'New-generation AI industry development',
  },
  common: {
    skipToContent: 'Skip to main content',
    loading: 'Loading…',
    requestId: 'Request ID: {{id}}',
  },
  language: {
    switchTo: '中文',
  },
  duration: {
    minutes: '{{minutes}} min',
    minutesSeconds: '{{minutes}} min {{seconds}} s',
    seconds: '{{seconds}} s',
  },
  session: {
    restoring: 'Restoring your session…',
    restoreFailedTitle: 'The platform cannot be reached right now',
    restoreFailedBody:
      'Your sign-in could not be confirmed: the network may be down or the service restarting. Please try again shortly.',
    retry: 'Try again',
    goToSignIn: 'Go to sign-in',
    expired: 'Your session has expired. Please sign in again.',
    signedOut: 'You have signed out.',
    signOutIncomplete:
      'You are signed out in this browser, but the platform could not be told. For safety, close the browser.',
  },
  signIn: {
    title: 'Sign in',
    intro: 'Use the account your unit was given.',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    required: {
      username: 'Enter your username.',
      password: 'Enter your password.',
    },
    errors: {
      invalidCredentials: 'The username or password is incorrect.',
      locked: 'Too many failed attempts: sign-in is locked for now. Try again in {{duration}}.',
      lockedUnknown: 'Too many failed attempts: sign-in is locked for now. Try again later.',
      lockedRemaining: 'Time left: {{duration}}',
      validation: 'Please check what you entered.',
      network: 'The platform cannot be reached. Check your network and try again.',
      unavailable: 'The platform is unavailable right now ({{status}}). Please try again later.',
      unexpected: 'Sign-in did not succeed ({{status}}).',
    },
  },
  shell: {
    primaryNav: 'Main navigation',
    menu: 'Menu',
    userInfo: 'Signed in as',
    unit: 'Unit',
    roles: 'Roles',
    signOut: 'Sign out',
  },
  roles: {
    office: { short: 'Office', name: 'Leading-group office' },
    bureau: { short: 'Responsible unit', name: 'Responsible unit' },
    expert: { short: 'Expert', name: 'Expert committee member' },
    secretariat: { short: 'Secretariat', name: 'Consultation secretariat' },
    talent: { short: 'Talent', name: 'Talent programme' },
    funding_officer: { short: 'Funding', name: 'Policy funds' },
    admin: { short: 'Admin', name: 'System administration' },
  },
  nav: {
    dashboard: 'Home',
    tasks: 'Key tasks',
    supervision: 'Supervision',
    committee: 'Expert committee',
    consultations: 'Consultations',
    talent: 'Talent',
    funding: 'Policy funds',
    reports: 'Reports',
    audit: 'Audit log',
    users: 'Users',
  },
  features: {
    notYetAvailable: 'Not available yet',
    tasks: {
      availability: 'This arrives with the key-tasks service.',
      summary:
        'Here you will see the key tasks of the annual work plan with their lead and co-responsible units, and report progress with evidence.',
    },
    supervision: {
      availability: 'This arrives with the key-tasks service (supervision is part of it).',
      summary:
        'Here the office will send supervision notices on overdue or at-risk tasks, and responsible units will explain and respond.',
    },
    committee: {
      availability: 'This arrives with the expert-committee service.',
      summary: 'Here experts will log advice, take review requests, declare conflicts of interest, score and conclude.',
    },
    consultations: {
      availability: 'This arrives with the consultations service.',
      summary:
        'Here the secretariat will run consultations: agenda, participants from enterprises, universities, institutes and talent, minutes, and resolutions that become follow-up tasks.',
    },
    talent: {
      availability: 'This arrives with the talent service.',
      summary:
        'Here you will track top scientists, leading talent and innovation teams from first contact to signed and onboarded, with their support packages.',
    },
    funding: {
      availability: 'This arrives with the policy-funds service.',
      summary:
        'Here you will run fund programmes and annual budgets, approve allocations, disburse in tranches tied to task milestones, and hold payments when work slips.',
    },
    reports: {
      availability: 'This arrives with the statistics and reports service.',
      summary: 'Here you will see targets against actuals, statistical ledgers and periodic industry reports.',
    },
    audit: {
      availability: "This arrives with the gateway's audit-log API.",
      summary: 'Here you will see who did what and when, and follow a request ID to everything it caused.',
    },
    users: {
      availability: "This arrives with the gateway's user-management API.",
      summary: 'Here administrators will manage accounts, their units and their roles.',
    },
  },
  home: {
    greeting: 'Welcome, {{name}}',
    intro: 'Here is what you do on the platform.',
    dutiesHeading: 'Your work',
    roles: {
      office: {
        welcome: "The leading-group office organises the city's work on the AI industry.",
        duties: {
          plan: 'Publish the annual work plan and assign each key task to lead and co-responsible units',
          progress: 'Watch progress and spot overdue or at-risk work early',
          supervise: 'Send supervision notices on overdue or at-risk tasks',
          report: 'Report targets and statistics to the leading group',
        },
      },
      bureau: {
        welcome: 'As a responsible unit, you carry out the key tasks assigned to your unit.',
        duties: {
          ownTasks: "See your unit's key tasks",
          progress: 'Report progress with evidence',
          delays: 'Explain delays and answer supervision notices',
        },
      },
      expert: {
        welcome: "Thank you for advising the city's new-generation AI development.",
        duties: {
          advice: 'Log your advice',
          reviews: 'Take review requests on key tasks and fund applications',
          conflicts: 'Declare conflicts of interest and step aside when needed',
          conclude: 'Score and conclude reviews',
        },
      },
      secretariat: {
        welcome:
          'The consultation secretariat runs regular consultations with key enterprises, universities, institutes and leading talent.',
        duties: {
          agenda: 'Set the agenda and invite enterprises, universities, institutes and talent',
          minutes: 'Keep the minutes',
          resolutions: 'Turn resolutions into follow-up tasks',
        },
      },
      talent: {
        welcome: 'Talent staff bring top people and innovation teams to the key AI fields.',
        duties: {
          track: 'Track top scientists, leading talent and innovation teams',
          pipeline: 'Record each step from first contact to signed and onboarded',
          support: 'Deliver their support packages',
        },
      },
      funding_officer: {
        welcome: 'Funding officers budget, approve and disburse the policy funds.',
        duties: {
          programmes: 'Run fund programmes and their annual budgets',
          approve: 'Check, review and approve allocations',
          tranches: 'Disburse in tranches tied to task milestones',
          hold: 'Hold payments when work slips; release them when it recovers or is accepted',
        },
      },
      admin: {
        welcome: 'Administrators look after accounts and access to the platform.',
        duties: {
          users: 'Manage user accounts, their units and roles',
          audit: 'Review the audit log',
        },
      },
    },
    targets: {
      heading: 'Targets',
      caption: 'New-generation AI industry targets for 2020 and 2025',
      indicator: 'Indicator',
      year2020: '2020',
      year2025: '2025',
      coreIndustry: 'Core AI industry',
      coreIndustry2020: 'over CNY 10 billion',
      coreIndustry2025: 'over CNY 30 billion',
      drivenIndustry: 'Industry driven by AI',
      drivenIndustry2020: 'CNY 70 billion',
      drivenIndustry2025: 'CNY 300 billion',
      scenarios: 'In-depth application scenarios',
      scenarios2020: '10 or more',
      scenarios2025: '60 or more',
      projects: 'Application demonstration projects',
      projects2020: '20 or more',
      projects2025: '100 or more',
      source:
        "Source: Hefei Municipal People's Government, implementation opinions on accelerating the new-generation AI industry.",
      note: 'Targets against actuals arrive with the statistics and reports service.',
    },
  },
  pages: {
    notFoundTitle: 'Page not found',
    notFoundBody: 'The page you asked for does not exist or has moved.',
    forbiddenTitle: 'No access',
    forbiddenBody: 'Your account may not view this page. Ask your system administrator if you need it.',
    backHome: 'Back to home',
  },
};
