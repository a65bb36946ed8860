import type { Routes } from '@angular/router';

/** The inbox (`messages`, and `messages/:threadId` for an open conversation), in both apps. */
export const inboxRoutes: Routes = [
  {
    path: '',
    loadComponent: () => import('./inbox-page').then((m) => m.InboxPage),
    children: [
      { path: '', title: 'Messages', loadComponent: () => import('./inbox-page').then((m) => m.NoConversation) },
      { path: ':threadId', title: 'Conversation', loadComponent: () => import('./conversation-page').then((m) => m.ConversationPage) },
    ],
  },
];
